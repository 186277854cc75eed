// A month's slot search right after a booking of the same owner: the booking raises the owner's schedule version, so
// no cached date may be used and the whole month is read and computed again (a cache miss).
// Usage: node cold-search.mjs <service url> <owner> <meeting type slug> <from> <to> <first booking, Unix s> <step s> <tries>
// Books the slot at first + k * step (outside the month searched), then times one search of the month; prints p50,
// p90 and max of the searches in ms. Only the search is timed.

import { expect } from './client.mjs';

const [base, owner, slug, from, to, firstText, stepText, triesText] = process.argv.slice(2);
const [first, step, tries] = [Number(firstText), Number(stepText), Number(triesText)];

const searchUrl = `${base}/v1/owners/${owner}/meeting-types/${slug}/slots?from=${from}&to=${to}`;
const times = [];
let slots = 0;
for (let k = 0; k < tries; k++) {
  const start = new Date((first + k * step) * 1000).toISOString().replace('.000Z', 'Z');
  await expect(201, 'POST', `${base}/v1/owners/${owner}/meeting-types/${slug}/bookings`, { start, invitee: { name: `cold-${k}` } });
  const t0 = performance.now();
  const body = await expect(200, 'GET', searchUrl);
  times.push(performance.now() - t0);
  slots = JSON.parse(body).slots.length;
}

times.sort((a, b) => a - b);
const at = (p) => times[Math.min(times.length - 1, Math.ceil((p / 100) * times.length) - 1)];
console.log(`cold month search p50 ${at(50).toFixed(2)} p90 ${at(90).toFixed(2)} max ${times.at(-1).toFixed(2)} ms over ${times.length} searches of ${slots} slots`);
