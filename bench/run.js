'use strict';
// `npm run bench` (builds first): what authentication, rate limiting, logging and the domain cost per
// request, side by side with a bare node:http server and GET /health, and how that changes with data.
// Only servers started here, on 127.0.0.1, are loaded. Credentials stay in memory: they are never
// printed or written to the results. See README, "Performance".
const { execFileSync } = require('node:child_process');
const { randomBytes } = require('node:crypto');
const { mkdtempSync, readFileSync, rmSync } = require('node:fs');
const os = require('node:os');
const { join } = require('node:path');
const { Client } = require('pg');
const { buildSnapshot, removeSnapshots, ROOT } = require('./lib/build');
const { counts, createBenchDatabase, seedScale } = require('./lib/database');
const { countQueries, microVerify, startInProcessApp } = require('./lib/in-process');
const { measurePairs } = require('./lib/load');
const { freePort, startProcess } = require('./lib/processes');
const { compare, renderRun, withRatios, writeResults } = require('./lib/report');

const settings = {
  connections: positiveInt('BENCH_CONNECTIONS', 10),
  durationS: positiveInt('BENCH_DURATION', 6),
  warmupS: positiveInt('BENCH_WARMUP', 1),
  // Each case's duration is split over this many passes over all cases of a phase.
  rounds: positiveInt('BENCH_ROUNDS', 3),
  // The highest value the configuration accepts: the limiter still counts every request.
  rateLimitMax: 1_000_000_000,
  nodeEnv: 'production',
  logLevel: 'warn',
};
const SCALE = { keys: 1_000, tours: 1_000, events: 100_000 };
const BASE_TOURS = 25;
// The events list reads one month; the almost empty database has BASE_TOURS events in it.
const WINDOW = { from: '2027-03-01T00:00:00Z', to: '2027-04-01T00:00:00Z' };

function positiveInt(name, fallback) {
  const value = Number(process.env[name] ?? fallback);
  if (!Number.isInteger(value) || value < 1) throw new Error(`${name} must be a positive integer`);
  return value;
}

async function main() {
  // BENCH_AGAINST=<commit>: also measures that commit's build next to the working tree's.
  const against = process.env.BENCH_AGAINST;
  try {
    log('compiling a private snapshot of the working tree');
    const current = buildSnapshot();
    let baseline;
    if (against) {
      log(`compiling a private snapshot of ${against}`);
      baseline = { ref: against, build: buildSnapshot(against) };
    }
    await measureEverything(current, baseline);
  } finally {
    removeSnapshots();
  }
}

async function measureEverything(build, baseline) {
  const started = Date.now();
  const tmp = mkdtempSync(join(os.tmpdir(), 'tke-bench-'));
  const logFile = join(tmp, 'service.log');
  const db = await createBenchDatabase({ databaseUrl: process.env.DATABASE_URL, dataDir: join(tmp, 'data') });
  const secret = randomBytes(32).toString('base64url');
  const run = {
    database: db.kind,
    databaseLabel: db.label,
    startedAt: new Date(started).toISOString(),
    settings,
    machine: { cpu: os.cpus()[0]?.model ?? 'unknown', cores: os.cpus().length, node: process.version, loadBefore: os.loadavg() },
    git: gitInfo(),
    memory: {},
  };
  log(`database: ${db.label}; ${settings.connections} connections, ${settings.warmupS} s warm-up + ${settings.durationS} s per case in ${settings.rounds} rounds; load ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}`);

  const appEnv = (port, logLevel, dbEnv) => ({
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    NODE_ENV: settings.nodeEnv,
    PORT: String(port),
    BETTER_AUTH_SECRET: secret,
    BETTER_AUTH_URL: `http://127.0.0.1:${port}`,
    // Empty values hold the defaults, whatever the shell or a .env file says.
    TRUSTED_ORIGINS: '',
    REDIS_URL: '',
    TRUST_PROXY: 'false',
    API_KEY_PREFIX: 'tke',
    API_KEY_ENVIRONMENT: 'live',
    RATE_LIMIT_MAX: String(settings.rateLimitMax),
    RATE_LIMIT_WINDOW_SECONDS: '60',
    SIGNUP_ENABLED: 'true',
    LOG_LEVEL: logLevel,
    ...dbEnv,
  });
  const startService = async (logLevel, dbEnv, from = build) => {
    const port = await freePort();
    return startProcess({ script: join(from, 'src', 'main.js'), env: appEnv(port, logLevel, dbEnv), logFile, port, readyPath: '/health/ready' });
  };
  const failed = [];
  const measure = (pairs) =>
    measurePairs(pairs, {
      ...settings,
      onResult: ({ c, phase }, r) => {
        const failures = r.non2xx + r.errors;
        log(`  ${phase}: ${c.label}: ${Math.round(r.rps)} req/s, p50 ${r.p50Ms.toFixed(2)} ms${failures ? `, FAILED ${failures}` : ''}`);
        if (failures > 0) failed.push(`${c.label} (${phase})`);
      },
    }).then((results) => results.map((r, i) => ({ id: pairs[i].c.id, label: pairs[i].c.label, phase: pairs[i].phase, ...r })));

  let credentials;
  try {
    // 1. The reference, the framework, authentication, the domain: one service, almost empty database.
    log('phase 1: side by side on the almost empty database (LOG_LEVEL=warn)');
    const barePort = await freePort();
    const bare = await startProcess({ script: join(__dirname, 'bare-server.js'), args: [String(barePort)], env: { PATH: process.env.PATH }, logFile, port: barePort, readyPath: '/' });
    let service = await startService('warn', db.env);
    credentials = await setUp(service.base);
    const cases = benchCases(credentials);
    const bareCase = { id: 'bare', label: 'bare node:http (reference)', path: '/' };
    const main = await measure([{ base: bare.base, c: bareCase, phase: 'main' }, ...cases.map((c) => ({ base: service.base, c, phase: 'main' }))]);
    run.memory['bare node:http'] = bare.memory();
    run.memory['service (phase 1)'] = service.memory();
    await Promise.all([bare.stop(), service.stop()]);

    // Copies of this almost empty database, for the services measured next to the seeded one.
    const emptyEnv = await db.copy('empty');
    const infoEnv = await db.copy('info');
    const baselineEnv = baseline && (await db.copy('baseline'));
    const againstEnv = baseline && (await db.copy('against'));

    // 2. In this process: statements per request, the micro figure, then seeding.
    log('phase 2: statements per request, micro, seeding (in this process)');
    const inProcess = await startInProcessApp(appEnv(0, 'error', db.env));
    const seedClient = new Client({ connectionString: inProcess.databaseUrl });
    try {
      await seedClient.connect();
      run.databaseVersion = (await seedClient.query('SHOW server_version')).rows[0].server_version;
      run.queries = await countQueries(inProcess.base, cases);
      run.micro = { 'almost empty': await microVerify(inProcess.app, inProcess.config, credentials.key) };
      const empty = await counts(seedClient);
      const t0 = Date.now();
      const scaled = await seedScale(seedClient, { userId: credentials.userId, ...SCALE });
      log(`  seeded in ${((Date.now() - t0) / 1000).toFixed(1)} s: ${JSON.stringify(scaled)}`);
      run.micro[`${SCALE.keys.toLocaleString('en-US')} keys`] = await microVerify(inProcess.app, inProcess.config, credentials.key);
      run.scale = { empty, scaled };
    } finally {
      await seedClient.end().catch(() => undefined);
      await inProcess.close();
    }

    // 3. Three services side by side: almost empty at warn and at info (the cost of the access log),
    //    and seeded at warn (the cost of data); /health is the control.
    log('phase 3: logging and scale, side by side');
    const [empty, info, seeded] = await Promise.all([startService('warn', emptyEnv), startService('info', infoEnv), startService('warn', db.env)]);
    const pairs = cases
      .filter((c) => ['health', 'me-key', 'tours', 'events'].includes(c.id))
      .flatMap((c) => [
        { base: empty.base, c, phase: 'almost empty' },
        { base: seeded.base, c, phase: 'seeded' },
        ...(['health', 'me-key'].includes(c.id) ? [{ base: info.base, c, phase: 'LOG_LEVEL=info' }] : []),
      ]);
    const results = await measure(pairs);
    const of = (phase) => results.filter((r) => r.phase === phase);
    run.scale.rows = compare(of('almost empty'), of('seeded'));
    run.logging = compare(of('almost empty'), of('LOG_LEVEL=info'));
    run.memory['service, almost empty'] = empty.memory();
    run.memory['service, seeded'] = seeded.memory();
    run.memory['service, LOG_LEVEL=info'] = info.memory();
    await Promise.all([empty.stop(), info.stop(), seeded.stop()]);

    // 4. Optionally, a commit's build next to the working tree's: the before/after of a change.
    if (baseline) {
      log(`phase 4: ${baseline.ref} and the working tree, side by side`);
      const [before, after] = await Promise.all([startService('warn', baselineEnv, baseline.build), startService('warn', againstEnv)]);
      const results = await measure(cases.flatMap((c) => [{ base: before.base, c, phase: baseline.ref }, { base: after.base, c, phase: 'working tree' }]));
      run.against = { ref: baseline.ref, rows: compare(results.filter((r) => r.phase === baseline.ref), results.filter((r) => r.phase === 'working tree')) };
      await Promise.all([before.stop(), after.stop()]);
    }

    const health = main.find((c) => c.id === 'health');
    run.cases = withRatios(main, main[0], health);
    run.secretsInLogs = findSecrets(readFileSync(logFile, 'utf8'), credentials);
  } finally {
    await db.drop();
    rmSync(tmp, { recursive: true, force: true });
  }
  run.machine.loadAfter = os.loadavg();
  run.totalSeconds = (Date.now() - started) / 1000;
  run.failedCases = failed;

  process.stdout.write(`\n${renderRun(run)}\n\n`);
  const files = writeResults(run);
  log(`written: ${files.jsonFile}, ${files.mdFile}`);
  // The figures are still written, failures included: they are findings too.
  if (failed.length > 0 || run.secretsInLogs.length > 0) {
    process.exitCode = 1;
    log(failed.length ? `FAILED requests in: ${failed.join(', ')}` : 'the service log holds a credential');
  }
}

/**
 * Through the public API, as a user would: the first sign-up (an admin), a session, an API key
 * created with that session, then a few tours and events in the measured month.
 */
async function setUp(base) {
  const origin = base;
  const json = (headers) => ({ 'content-type': 'application/json', ...headers });
  const signUp = await fetch(`${base}/api/auth/sign-up/email`, {
    method: 'POST',
    headers: json({ origin }),
    body: JSON.stringify({ email: 'bench@example.com', password: randomBytes(18).toString('base64url'), name: 'Bench' }),
  });
  if (signUp.status !== 200) throw new Error(`sign-up: HTTP ${signUp.status}`);
  const userId = (await signUp.json()).user.id;
  const cookie = signUp.headers.getSetCookie().map((c) => c.split(';', 1)[0]).join('; ');

  const created = await fetch(`${base}/api/v1/api-keys`, { method: 'POST', headers: json({ cookie, origin }), body: JSON.stringify({ name: 'bench' }) });
  if (created.status !== 201) throw new Error(`creating an API key: HTTP ${created.status}`);
  const { key } = await created.json();

  const post = async (path, body) => {
    const res = await fetch(base + path, { method: 'POST', headers: json({ authorization: `Bearer ${key}` }), body: JSON.stringify(body) });
    if (res.status !== 201) throw new Error(`POST ${path}: HTTP ${res.status} ${await res.text()}`);
    return res.json();
  };
  const tourIds = [];
  for (let i = 0; i < BASE_TOURS; i++) {
    const day = String(1 + i).padStart(2, '0');
    tourIds.push((await post('/api/v1/tours', { name: `Tour ${i}`, status: 'published', startDate: `2027-03-${day}`, endDate: `2027-04-${day}` })).id);
  }
  for (let i = 0; i < BASE_TOURS; i++) {
    const day = String(1 + i).padStart(2, '0');
    await post('/api/v1/events', {
      tourId: tourIds[i],
      name: `Event ${i}`,
      city: 'Berlin',
      country: 'DE',
      startsAt: `2027-03-${day}T19:00:00Z`,
      endsAt: `2027-03-${day}T22:00:00Z`,
      timezone: 'Europe/Berlin',
      capacity: 1000,
    });
  }
  return { userId, cookie, key, tourId: tourIds[0] };
}

function benchCases({ key, cookie, tourId }) {
  const bearer = { authorization: `Bearer ${key}` };
  const range = `from=${encodeURIComponent(WINDOW.from)}&to=${encodeURIComponent(WINDOW.to)}`;
  return [
    { id: 'health', label: 'GET /health', path: '/health' },
    { id: 'me-key', label: 'GET /api/v1/me (API key)', path: '/api/v1/me', headers: bearer },
    { id: 'me-session', label: 'GET /api/v1/me (session cookie)', path: '/api/v1/me', headers: { cookie } },
    { id: 'tours', label: 'GET /api/v1/tours?limit=20 (API key)', path: '/api/v1/tours?limit=20', headers: bearer },
    { id: 'events', label: 'GET /api/v1/events?from=…&to=…&limit=20 (API key)', path: `/api/v1/events?${range}&limit=20`, headers: bearer },
    {
      id: 'events-post',
      label: 'POST /api/v1/events (API key)',
      method: 'POST',
      path: '/api/v1/events',
      headers: { ...bearer, 'content-type': 'application/json' },
      // Outside the listed month (and the seeded years), so the lists read the same rows in every phase.
      body: JSON.stringify({
        tourId,
        name: 'Bench event',
        city: 'Berlin',
        country: 'DE',
        startsAt: '2031-06-01T19:00:00Z',
        endsAt: '2031-06-01T22:00:00Z',
        timezone: 'Europe/Berlin',
        capacity: 1000,
      }),
    },
  ];
}

/** Names of the credentials that appear in the service's log; the values are never shown. */
function findSecrets(text, { key, cookie }) {
  const token = cookie.split('=').slice(1).join('=');
  return [
    ['API key', key],
    ['session token', token],
    ['session token (decoded)', decodeURIComponent(token)],
  ]
    .filter(([, value]) => value && text.includes(value))
    .map(([name]) => name);
}

function gitInfo() {
  const git = (...args) => execFileSync('git', args, { cwd: ROOT, encoding: 'utf8' }).trim();
  try {
    return { commit: git('rev-parse', '--short', 'HEAD'), dirtyFiles: git('status', '--porcelain', '--', 'src').split('\n').filter(Boolean).length };
  } catch {
    return { commit: 'unknown', dirtyFiles: 0 };
  }
}

function log(line) {
  process.stderr.write(`${line}\n`);
}

main().catch((error) => {
  process.stderr.write(`bench failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
