// Cross-node freshness: how long after node A answers a booking 201 does node B's slot search stop offering the slot?
// Usage: node freshness.mjs <node A url> <node B url> <owner> <meeting type slug> <first date YYYY-MM-DD> <iterations>
// Each iteration uses its own date: it warms node B's cache for that date (two searches), books the date's first slot
// on node A, and from the moment the 201 arrives searches node B in a tight loop until the slot is gone. The delay is
// from the 201's arrival to the arrival of the first answer without the slot, so it includes one search round trip:
// an upper bound of the time B was stale. Prints one line: p50, p99 and max in ms, and how many of node B's answers
// after a 201 still offered the booked slot.

import { expect } from './client.mjs';

const [nodeA, nodeB, owner, slug, firstDate, iterationsText] = process.argv.slice(2);
const iterations = Number(iterationsText);
const giveUpMs = 5000;

const day = (i) => new Date(Date.parse(`${firstDate}T00:00:00Z`) + i * 86_400_000).toISOString().slice(0, 10);

const search = async (date) =>
  JSON.parse(await expect(200, 'GET', `${nodeB}/v1/owners/${owner}/meeting-types/${slug}/slots?from=${date}&to=${date}`)).slots.map((s) => s.start_utc);

const book = (start, i) =>
  expect(201, 'POST', `${nodeA}/v1/owners/${owner}/meeting-types/${slug}/bookings`, { start, invitee: { name: `fresh-${i}` } });

const delays = [];
let neverFresh = 0;
let staleAnswers = 0; // answers of node B after the 201 that still offered the slot
for (let i = 0; i < iterations; i++) {
  const date = day(i);
  await search(date);
  const [slot] = await search(date);
  if (slot === undefined) throw new Error(`node B offers no slot on ${date}`);
  await book(slot, i);
  const answered = performance.now();
  let delay;
  while ((delay = performance.now() - answered) < giveUpMs) {
    const offered = await search(date);
    if (!offered.includes(slot)) {
      delay = performance.now() - answered;
      break;
    }
    staleAnswers++;
  }
  if (delay >= giveUpMs) neverFresh++;
  delays.push(delay);
}

delays.sort((a, b) => a - b);
const at = (p) => delays[Math.min(delays.length - 1, Math.ceil((p / 100) * delays.length) - 1)];
console.log(`freshness p50 ${at(50).toFixed(2)} p99 ${at(99).toFixed(2)} max ${delays.at(-1).toFixed(2)} ms over ${delays.length} bookings, ${staleAnswers} stale answers` +
  (neverFresh > 0 ? `; ${neverFresh} still offered after ${giveUpMs} ms` : ''));
