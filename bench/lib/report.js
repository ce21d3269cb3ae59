'use strict';
const { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } = require('node:fs');
const { join } = require('node:path');

const RESULTS_DIR = join(__dirname, '..', 'results');

const ratio = (a, b) => (Number.isFinite(a) && Number.isFinite(b) && b > 0 ? a / b : NaN);
const fixed = (digits) => (x) => (Number.isFinite(x) ? x.toFixed(digits) : '–');
const int = (x) => (Number.isFinite(x) ? Math.round(x).toLocaleString('en-US') : '–');
const ms = fixed(2);
const r2 = fixed(2);
const us = fixed(1);

/** Each measured case with its throughput and latency relative to the bare server and to /health. */
function withRatios(results, bare, health) {
  return results.map((c) => ({
    ...c,
    rpsVsBare: ratio(c.rps, bare.rps),
    rpsVsHealth: ratio(c.rps, health.rps),
    p50VsBare: ratio(c.p50Ms, bare.p50Ms),
    p50VsHealth: ratio(c.p50Ms, health.p50Ms),
    p99VsBare: ratio(c.p99Ms, bare.p99Ms),
    p99VsHealth: ratio(c.p99Ms, health.p99Ms),
  }));
}

/** The same route measured in two conditions (log level, data volume): the second over the first. */
function compare(before, after) {
  return after.map((a) => {
    const b = before.find((x) => x.id === a.id);
    return {
      id: a.id,
      label: a.label,
      beforeRps: b.rps,
      afterRps: a.rps,
      rpsRatio: ratio(a.rps, b.rps),
      p50Ratio: ratio(a.p50Ms, b.p50Ms),
      p99Ratio: ratio(a.p99Ms, b.p99Ms),
    };
  });
}

function table(header, rows) {
  return [`| ${header.join(' | ')} |`, `| ${header.map(() => '---').join(' | ')} |`, ...rows.map((r) => `| ${r.join(' | ')} |`)].join('\n');
}

function failures(c) {
  return c.non2xx + c.errors === 0 ? '0' : `**${c.non2xx + c.errors}** ${JSON.stringify(c.statusCodes)}`;
}

function renderRun(run) {
  const s = run.settings;
  const out = [];
  out.push(
    `Database: ${run.databaseLabel} (${run.databaseVersion}). ${run.machine.cores} × ${run.machine.cpu}, Node ${run.machine.node}. ` +
      `Load average before/after: ${run.machine.loadBefore.map(r2).join(', ')} / ${run.machine.loadAfter.map(r2).join(', ')}. ` +
      `${s.connections} connections, ${s.warmupS} s warm-up + ${s.durationS} s per case (in ${s.rounds} passes over the cases of a table); service: NODE_ENV=${s.nodeEnv}, ` +
      `LOG_LEVEL=${s.logLevel}, RATE_LIMIT_MAX=${s.rateLimitMax} (raised so the limiter counts every request but never refuses one). ` +
      `Commit ${run.git.commit}${run.git.dirtyFiles ? ` + ${run.git.dirtyFiles} uncommitted files` : ''}, ${run.startedAt}, ${Math.round(run.totalSeconds)} s in all.`,
  );
  out.push('');
  out.push(
    table(
      ['case', 'req/s', 'p50 ms', 'p99 ms', 'req/s ÷ bare', 'req/s ÷ /health', 'p50 × bare', 'p50 × /health', 'p99 × /health', 'DB statements / req', 'failed'],
      run.cases.map((c) => [
        c.label,
        int(c.rps),
        ms(c.p50Ms),
        ms(c.p99Ms),
        r2(c.rpsVsBare),
        r2(c.rpsVsHealth),
        r2(c.p50VsBare),
        r2(c.p50VsHealth),
        r2(c.p99VsHealth),
        run.queries[c.id] ? `${run.queries[c.id].perRequest} (${run.queries[c.id].statements.join(', ') || '–'})` : '–',
        failures(c),
      ]),
    ),
  );
  out.push('');
  out.push(
    'DB statements / req: every `pg` query counted in this process over 20 requests one after another (after one unmeasured ' +
      'request); a key verified in the last second is not looked up again.',
  );
  out.push('');
  out.push(
    `Scale: ${describeData(run.scale.empty)} → ${describeData(run.scale.scaled)}; two services side by side, one on a copy of the ` +
      'almost empty database, one on the seeded one (ratio: seeded ÷ almost empty):',
  );
  out.push('');
  out.push(
    table(
      ['case', 'req/s, almost empty', 'req/s, seeded', 'req/s ratio', 'p50 ratio', 'p99 ratio'],
      run.scale.rows.map((r) => [r.label, int(r.beforeRps), int(r.afterRps), r2(r.rpsRatio), r2(r.p50Ratio), r2(r.p99Ratio)]),
    ),
  );
  out.push('');
  out.push(
    'Logging: `LOG_LEVEL=info` (one JSON access-log line per request, to a file) ÷ `LOG_LEVEL=warn`, two services side by side ' +
      'on copies of the almost empty database:',
  );
  out.push('');
  out.push(
    table(
      ['case', 'req/s, warn', 'req/s, info', 'req/s ratio', 'p50 ratio'],
      run.logging.map((r) => [r.label, int(r.beforeRps), int(r.afterRps), r2(r.rpsRatio), r2(r.p50Ratio)]),
    ),
  );
  out.push('');
  if (run.against) {
    out.push(`Before/after: the build of ${run.against.ref} and the working tree's, side by side on copies of the almost empty database:`);
    out.push('');
    out.push(
      table(
        ['case', `req/s, ${run.against.ref}`, 'req/s, working tree', 'req/s ratio', 'p50 ratio', 'p99 ratio'],
        run.against.rows.map((r) => [r.label, int(r.beforeRps), int(r.afterRps), r2(r.rpsRatio), r2(r.p50Ratio), r2(r.p99Ratio)]),
      ),
    );
    out.push('');
  }
  out.push('Micro: verifying one API key without HTTP (ApiKeyStrategy#authenticate, one call after another), µs:');
  out.push('');
  out.push(
    table(
      ['data', 'parse + SHA-256', 'looked up: p50', 'mean', 'p99', 'verified in the last second: p50', 'mean', 'p99'],
      Object.entries(run.micro).map(([name, m]) => [
        name,
        us(m.parseAndHashUs),
        us(m.lookup.p50Us),
        us(m.lookup.meanUs),
        us(m.lookup.p99Us),
        us(m.remembered.p50Us),
        us(m.remembered.meanUs),
        us(m.remembered.p99Us),
      ]),
    ),
  );
  out.push('');
  out.push(
    'Memory (VmHWM = peak resident set of the service process, VmRSS at the end): ' +
      Object.entries(run.memory)
        .map(([name, m]) => `${name} ${Math.round(m.peakRssMiB)} MiB peak / ${Math.round(m.rssMiB)} MiB`)
        .join('; ') +
      '.',
  );
  if (run.failedCases.length > 0) out.push('', `**Requests failed (non-2xx or errors) in: ${run.failedCases.join('; ')}.**`);
  if (run.secretsInLogs.length > 0) out.push('', `**Credentials found in the service log: ${run.secretsInLogs.join(', ')}.**`);
  return out.join('\n');
}

function describeData(d) {
  return `${int(d.keys)} keys, ${int(d.tours)} tours, ${int(d.events)} events`;
}

/**
 * `latest.json` and `latest.md` keep the latest run per database (embedded, postgres), so one file
 * shows both; each run carries its own date, load and commit.
 */
function writeResults(run) {
  mkdirSync(RESULTS_DIR, { recursive: true });
  const jsonFile = join(RESULTS_DIR, 'latest.json');
  const previous = existsSync(jsonFile) ? JSON.parse(readFileSync(jsonFile, 'utf8')) : { runs: {} };
  const all = { command: 'npm run bench', runs: { ...previous.runs, [run.database]: run } };
  const md = Object.entries(all.runs)
    .map(([db, r]) => `### ${db === 'embedded' ? 'Embedded database (default)' : 'PostgreSQL (DATABASE_URL)'}\n\n${renderRun(r)}`)
    .join('\n\n');
  atomicWrite(jsonFile, `${JSON.stringify(all, null, 2)}\n`);
  atomicWrite(join(RESULTS_DIR, 'latest.md'), `# Benchmark results (\`npm run bench\`)\n\n${md}\n`);
  return { jsonFile, mdFile: join(RESULTS_DIR, 'latest.md') };
}

function atomicWrite(file, text) {
  writeFileSync(`${file}.tmp`, text);
  renameSync(`${file}.tmp`, file);
}

module.exports = { withRatios, compare, renderRun, writeResults };
