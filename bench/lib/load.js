'use strict';
const autocannon = require('autocannon');

/**
 * Measures every (server, case) pair side by side: `rounds` passes over the whole list, each pair
 * getting `durationS / rounds` seconds per pass, so a change in the machine's load over the run
 * (other processes) spreads over all pairs instead of landing on whichever ran last. The first pass
 * warms each pair up first (JIT, pools, caches), unmeasured. Headers may carry credentials: they go
 * to autocannon only, never into a result.
 */
async function measurePairs(pairs, { connections, durationS, warmupS, rounds, onResult }) {
  const slices = pairs.map(() => []);
  const sliceS = Math.max(1, Math.round(durationS / rounds));
  for (let round = 0; round < rounds; round++) {
    for (const [i, { base, c }] of pairs.entries()) {
      const options = { url: base + c.path, method: c.method ?? 'GET', headers: c.headers ?? {}, body: c.body, connections };
      if (round === 0 && warmupS > 0) await autocannon({ ...options, duration: warmupS });
      slices[i].push(await slice(options, sliceS));
    }
  }
  return pairs.map((pair, i) => {
    const result = summarize(slices[i]);
    onResult?.(pair, result);
    return result;
  });
}

// autocannon's own latency histogram has 1 ms resolution, too coarse for sub-millisecond routes:
// the latencies of 2xx responses are collected here instead, as floats.
const MAX_SAMPLES = 2_000_000;

async function slice(options, durationS) {
  const latencies = new Float64Array(MAX_SAMPLES);
  let count = 0;
  const instance = autocannon({ ...options, duration: durationS });
  instance.on('response', (_client, statusCode, _bytes, responseTime) => {
    if (statusCode >= 200 && statusCode < 300 && count < MAX_SAMPLES) latencies[count++] = responseTime;
  });
  const result = await instance;
  return {
    latencies: latencies.slice(0, count),
    non2xx: result.non2xx,
    errors: result.errors + result.timeouts,
    statusCodes: Object.fromEntries(Object.entries(result.statusCodeStats).map(([code, { count: n }]) => [code, n])),
    seconds: result.duration,
  };
}

function summarize(slices) {
  const sorted = new Float64Array(slices.reduce((n, s) => n + s.latencies.length, 0));
  let offset = 0;
  for (const s of slices) {
    sorted.set(s.latencies, offset);
    offset += s.latencies.length;
  }
  sorted.sort();
  const statusCodes = {};
  for (const s of slices) for (const [code, n] of Object.entries(s.statusCodes)) statusCodes[code] = (statusCodes[code] ?? 0) + n;
  const seconds = slices.reduce((t, s) => t + s.seconds, 0);
  return {
    rps: sorted.length / seconds,
    p50Ms: percentile(sorted, 0.5),
    p99Ms: percentile(sorted, 0.99),
    ok: sorted.length,
    non2xx: slices.reduce((n, s) => n + s.non2xx, 0),
    errors: slices.reduce((n, s) => n + s.errors, 0),
    statusCodes,
    seconds,
  };
}

function percentile(sorted, q) {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
}

module.exports = { measurePairs, percentile };
