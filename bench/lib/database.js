'use strict';
const { cpSync } = require('node:fs');
const { Client } = require('pg');
const { dist } = require('./build');

/**
 * Where the benchmark keeps its data, and how it copies it (so that two services can be measured
 * side by side on the same data). Embedded (default): a PGlite folder that each service opens
 * itself, in its own process, as in production; this process opens one (the way main.ts does) only
 * while no service has it, since one process at a time may. PostgreSQL: fresh databases created
 * on the server of `DATABASE_URL` (copies by `CREATE DATABASE … TEMPLATE`) and dropped at the end,
 * so the given database is never written to.
 */
async function createBenchDatabase({ databaseUrl, dataDir }) {
  if (!databaseUrl) {
    // An empty DATABASE_URL also keeps a DATABASE_URL in a .env file from being used.
    const envFor = (dir) => ({ DATABASE_URL: '', DATA_DIR: dir });
    return {
      kind: 'embedded',
      label: 'embedded PGlite (in the service process)',
      env: envFor(dataDir),
      copy(suffix) {
        cpSync(dataDir, `${dataDir}-${suffix}`, { recursive: true });
        return envFor(`${dataDir}-${suffix}`);
      },
      drop: async () => undefined,
    };
  }
  const name = `tke_bench_${Date.now()}_${process.pid}`;
  const names = [name];
  const envFor = (db) => {
    const url = new URL(databaseUrl);
    url.pathname = `/${db}`;
    return { DATABASE_URL: url.toString(), DATA_DIR: dataDir };
  };
  await withClient(databaseUrl, (db) => db.query(`CREATE DATABASE "${name}"`));
  return {
    kind: 'postgres',
    label: 'PostgreSQL (fresh databases, dropped afterwards)',
    env: envFor(name),
    async copy(suffix) {
      names.push(`${name}_${suffix}`);
      await withClient(databaseUrl, (db) => db.query(`CREATE DATABASE "${name}_${suffix}" TEMPLATE "${name}"`));
      return envFor(`${name}_${suffix}`);
    },
    async drop() {
      await withClient(databaseUrl, async (db) => {
        for (const n of names) await db.query(`DROP DATABASE IF EXISTS "${n}" WITH (FORCE)`);
      });
    },
  };
}

async function withClient(url, fn) {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

const CITIES = `ARRAY['Berlin','Paris','Madrid','Rome','Vienna','Prague','Lisbon','Dublin']`;
const COUNTRIES = `ARRAY['DE','FR','ES','IT','AT','CZ','PT','IE']`;

/**
 * Grows the database to `keys` API keys, `tours` tours and `events` more events, in a few
 * statements. Keys are generated and hashed by the application's own code (SHA-256 of the whole
 * key, stored as bytea), so the lookup works on real hashes; the keys themselves are discarded.
 * Events are spread evenly over 2026–2029 and attached to the tours in turn.
 */
async function seedScale(db, { userId, keys, tours, events }) {
  const { generateApiKey } = dist('api-keys/api-key-format');
  const { rows } = await db.query('SELECT count(*)::int AS n FROM api_keys');
  const missingKeys = Math.max(0, keys - rows[0].n);
  const generated = Array.from({ length: missingKeys }, () => generateApiKey('tke', 'live'));
  await db.query(
    `INSERT INTO api_keys (user_id, name, prefix, key_hash, environment)
     SELECT $1, 'seeded key ' || ordinality, prefix, decode(hash, 'hex'), 'live'
     FROM unnest($2::text[], $3::text[]) WITH ORDINALITY AS k(prefix, hash)`,
    [userId, generated.map((k) => k.prefix), generated.map((k) => k.hash.toString('hex'))],
  );
  const tourCount = (await db.query('SELECT count(*)::int AS n FROM tours')).rows[0].n;
  await db.query(
    `INSERT INTO tours (name, status, start_date, end_date, created_by)
     SELECT 'Seeded tour ' || g, 'published', d, d + 60, $1
     FROM generate_series(1, $2::int) g, LATERAL (SELECT date '2026-01-01' + (g * 7 % 1460) AS d) x`,
    [userId, Math.max(0, tours - tourCount)],
  );
  // 126,144,000 s (four years) / events: one event every ~21 minutes for 100,000 events.
  await db.query(
    `INSERT INTO events (tour_id, name, venue, city, country, starts_at, ends_at, timezone, capacity, created_by)
     SELECT t.ids[1 + g % cardinality(t.ids)], 'Seeded event ' || g, 'Venue ' || (g % 500),
            (${CITIES})[1 + g % 8], (${COUNTRIES})[1 + g % 8], s, s + interval '3 hours', 'Europe/Berlin', 1000 + g % 50000, $1
     FROM (SELECT array_agg(id) AS ids FROM tours) t, generate_series(1, $2::int) g,
          LATERAL (SELECT timestamptz '2026-01-01T00:00:00Z' + make_interval(secs => g::float8 * 126144000 / $2) AS s) x`,
    [userId, events],
  );
  // What autovacuum would do on a server; PGlite runs no autovacuum.
  await db.query('ANALYZE');
  return counts(db);
}

async function counts(db) {
  const { rows } = await db.query(
    `SELECT (SELECT count(*) FROM api_keys)::int AS keys, (SELECT count(*) FROM tours)::int AS tours,
            (SELECT count(*) FROM events)::int AS events`,
  );
  return rows[0];
}

module.exports = { createBenchDatabase, seedScale, counts };
