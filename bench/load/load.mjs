// HTTP load against a running Agenda service on this machine (loopback only), bounded in time and count.
// Usage: node bench/load/load.mjs [baseUrl] [seconds-per-phase] [concurrency]
// Phase 1: slot searches over 30 dates (mostly cache hits after the first pass).
// Phase 2: bookings, every worker racing for the same few slots and for slots of its own.
// Afterwards it checks the booking guarantee: the stored bookings are exactly the ones answered 201.

const base = process.argv[2] ?? 'http://127.0.0.1:5080';
const seconds = Number(process.argv[3] ?? 10);
const concurrency = Number(process.argv[4] ?? 32);
const maxRequestsPerPhase = 2_000_000;

const host = new URL(base).hostname;
if (!['127.0.0.1', 'localhost', '::1', '[::1]'].includes(host)) {
  throw new Error(`load tests only target this machine's loopback address, not ${host}`);
}

const owner = `load-${Date.now()}`;
const firstDay = new Date(Date.UTC(new Date().getUTCFullYear() + 1, 0, 4));
const day = (i) => new Date(firstDay.getTime() + i * 86_400_000).toISOString().slice(0, 10);

async function post(path, body) {
  const response = await fetch(base + path, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  await response.arrayBuffer();
  return response.status;
}

function percentile(sorted, p) {
  return sorted.length === 0 ? 0 : sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

async function phase(name, makeRequest) {
  const latencies = [];
  const statuses = {};
  const deadline = performance.now() + seconds * 1000;
  let issued = 0;
  const started = performance.now();
  await Promise.all(Array.from({ length: concurrency }, async (_, worker) => {
    while (performance.now() < deadline && issued < maxRequestsPerPhase) {
      const n = issued++;
      const t0 = performance.now();
      const status = await makeRequest(worker, n);
      latencies.push(performance.now() - t0);
      statuses[status] = (statuses[status] ?? 0) + 1;
    }
  }));
  const elapsed = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  console.log(`${name}: ${latencies.length} requests in ${elapsed.toFixed(1)} s = ${(latencies.length / elapsed).toFixed(0)} req/s; ` +
    `latency ms p50 ${percentile(latencies, 50).toFixed(2)}, p95 ${percentile(latencies, 95).toFixed(2)}, p99 ${percentile(latencies, 99).toFixed(2)}; ` +
    `statuses ${JSON.stringify(statuses)}`);
  return statuses;
}

const seeded = await post(`/api/calendar/set_availability/${owner}`, {
  availability_rules: [{ start_date: day(0), end_date: day(400), start_time: '00:00', end_time: '24:00' }],
});
if (seeded !== 200) throw new Error(`seeding availability answered ${seeded}`);
console.log(`target ${base}, owner ${owner}, ${seconds} s per phase, ${concurrency} concurrent clients`);

await phase('search_slots', async (_, n) => {
  const response = await fetch(`${base}/api/appointments/search_slots?owner=${owner}&request_date=${day(n % 30)}`);
  await response.arrayBuffer();
  return response.status;
});

const hourOf = (h) => String(h).padStart(2, '0');
const slot = (d, h) => ({ start_time: `${day(d)}T${hourOf(h)}:00`, end_time: h === 23 ? `${day(d + 1)}T00:00` : `${day(d)}T${hourOf(h + 1)}:00` });
const booked = await phase('book_slot', (worker, n) => {
  // Even requests race for the 24 slots of day 31; odd ones walk through the free slots of days 32 to 400.
  const contested = n % 2 === 0;
  const spread = n >> 1;
  const d = contested ? 31 : 32 + (Math.floor(spread / 24) % 368);
  const h = contested ? (spread % 24) : spread % 24;
  return post('/api/appointments/book_slot', { owner, invitee: `client${worker}`, ...slot(d, h) });
});

const listed = await fetch(`${base}/api/appointments/list_upcoming/${owner}`).then((r) => r.json());
const stored = listed.upcoming_appointments.length;
const starts = new Set(listed.upcoming_appointments.map((a) => a.start_time));
console.log(`bookings answered 201: ${booked[201] ?? 0}; stored: ${stored}; distinct stored starts: ${starts.size}`);
if (stored !== (booked[201] ?? 0) || starts.size !== stored) {
  console.error('BOOKING GUARANTEE VIOLATED');
  process.exit(1);
}
