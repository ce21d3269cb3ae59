'use strict';
const { Client } = require('pg');
const { dist } = require('./build');
const { percentile } = require('./load');

// Every round trip to the database, from TypeORM and better-auth alike, is one pg Client#query.
// Counted only for the app started here, while `counting` is on.
let counting = false;
let statements = [];
const originalQuery = Client.prototype.query;
Client.prototype.query = function countedQuery(config, ...rest) {
  if (counting) statements.push(firstWord(typeof config === 'string' ? config : config?.text));
  return originalQuery.call(this, config, ...rest);
};

function firstWord(sql) {
  return typeof sql === 'string' ? sql.trim().split(/\s+/, 1)[0].toUpperCase() : '?';
}

/**
 * The real application inside this process, built as main.ts builds it (configuration, then the
 * database target: the embedded one is opened here, then createApp), listening on 127.0.0.1.
 */
async function startInProcessApp(env) {
  const { loadConfig } = dist('config/load-config');
  const { JsonLogger } = dist('common/logging/json-logger');
  const { openDatabaseTarget } = dist('database/database-target');
  const { createApp } = dist('app.factory');
  const config = loadConfig({ ...env, PORT: '0', LOG_LEVEL: 'error' });
  const logger = new JsonLogger(config.logLevel, (line) => process.stderr.write(line));
  const database = await openDatabaseTarget(config);
  try {
    const app = await createApp({ config, database, logger });
    await app.listen(0, '127.0.0.1');
    const { port } = app.getHttpServer().address();
    return {
      app,
      config,
      databaseUrl: database.url,
      base: `http://127.0.0.1:${port}`,
      async close() {
        await app.close();
        await database.close();
      },
    };
  } catch (error) {
    await database.close();
    throw error;
  }
}

/**
 * Database statements per request, for each case: one request unmeasured (it may record the key's
 * `last_used_at`, once a minute), then `repeat` requests one after another, counted.
 */
async function countQueries(base, cases, repeat = 20) {
  const out = {};
  for (const c of cases) {
    const send = async () => {
      const res = await fetch(base + c.path, { method: c.method, headers: c.headers, body: c.body });
      if (res.status >= 300) throw new Error(`${c.label}: HTTP ${res.status} while counting queries`);
      await res.arrayBuffer();
    };
    await send();
    // Let background work of the warm-up request (e.g. the last_used_at write) finish uncounted.
    await new Promise((resolve) => setTimeout(resolve, 200));
    statements = [];
    counting = true;
    for (let i = 0; i < repeat; i++) await send();
    counting = false;
    out[c.id] = { perRequest: statements.length / repeat, statements: statements.slice(0, statements.length / repeat) };
  }
  return out;
}

/**
 * The cost of verifying one API key without HTTP, with the application's own classes, one call
 * after another: the precompiled pattern and SHA-256 alone; the whole strategy when the key must be
 * looked up (parse, hash, the indexed query joined to the owner): the key is dropped from the
 * verified-key cache before each call; and the whole strategy when the key was verified in the last
 * second, as for all but one request per second of a client that keeps using its key.
 */
async function microVerify(app, config, key, { iterations = 3000, warmup = 300 } = {}) {
  const { ApiKeyStrategy } = dist('api-keys/api-key.strategy');
  const { VerifiedKeyCache } = dist('api-keys/verified-key-cache');
  const { bearerKeyPattern, hashApiKey } = dist('api-keys/api-key-format');
  const header = `Bearer ${key}`;

  const pattern = bearerKeyPattern(config.apiKeys.prefix, config.apiKeys.environment);
  const hashRuns = 50_000;
  for (let i = 0; i < 5_000; i++) hashApiKey(pattern.exec(header)[1]);
  const t0 = process.hrtime.bigint();
  for (let i = 0; i < hashRuns; i++) hashApiKey(pattern.exec(header)[1]);
  const parseAndHashUs = Number(process.hrtime.bigint() - t0) / 1e3 / hashRuns;

  const strategy = app.get(ApiKeyStrategy);
  const cache = app.get(VerifiedKeyCache);
  const keyHash = hashApiKey(key);
  const req = { headers: { authorization: header } };
  const first = await strategy.authenticate(req);
  if (first.kind !== 'authenticated') throw new Error(`micro: the key was not accepted (${first.kind})`);
  const time = async (before) => {
    for (let i = 0; i < warmup; i++) {
      before();
      await strategy.authenticate(req);
    }
    const samples = new Float64Array(iterations);
    for (let i = 0; i < iterations; i++) {
      before();
      const start = process.hrtime.bigint();
      await strategy.authenticate(req);
      samples[i] = Number(process.hrtime.bigint() - start) / 1e3;
    }
    const meanUs = samples.reduce((a, b) => a + b, 0) / iterations;
    samples.sort();
    return { p50Us: percentile(samples, 0.5), meanUs, p99Us: percentile(samples, 0.99) };
  };
  const lookup = await time(() => cache.forgetHash(keyHash));
  const remembered = await time(() => undefined);
  return { parseAndHashUs, lookup, remembered, iterations };
}

module.exports = { startInProcessApp, countQueries, microVerify };
