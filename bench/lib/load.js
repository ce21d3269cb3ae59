'use strict';
const autocannon = require('autocannon');

// autocannon's own latency histogram has 1 ms resolution, too coarse for sub-millisecond routes:
// latencies of 2xx responses are collected here instead, as floats.
const MAX_SAMPLES = 2_000_000;

/**
 * Runs one case: an unmeasured warm-up (JIT, pools, caches), then the measured run with the same
 * connections. Headers may carry credentials: they go to autocannon only, never into the result.
 */
async function measure({ url, method = 'GET', headers = {}, body, connections, durationS, warmupS }) {
  const base = { url, method, headers, body, connections };
  if (warmupS > 0) await autocannon({ ...base, duration: warmupS });

  const latencies = new Float64Array(MAX_SAMPLES);
  let count = 0;
  const instance = autocannon({ ...base, duration: durationS });
  instance.on('response', (_client, statusCode, _bytes, responseTime) => {
    if (statusCode >= 200 && statusCode < 300 && count < MAX_SAMPLES) latencies[count++] = responseTime;
  });
  const result = await instance;

  const sorted = latencies.subarray(0, count).sort();
  const seconds = result.duration;
  return {
    rps: count / seconds,
    p50Ms: percentile(sorted, 0.5),
    p99Ms: percentile(sorted, 0.99),
    ok: count,
    non2xx: result.non2xx,
    errors: result.errors + result.timeouts,
    statusCodes: Object.fromEntries(Object.entries(result.statusCodeStats).map(([code, { count: n }]) => [code, n])),
    seconds,
  };
}

function percentile(sorted, q) {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
}

module.exports = { measure, percentile };
