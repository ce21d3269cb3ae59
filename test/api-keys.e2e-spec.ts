import type { Request } from 'express';
import fc from 'fast-check';
import { createHash, randomUUID } from 'node:crypto';
import { Agent, request as httpRequest } from 'node:http';
import type { Test } from 'supertest';
import { ApiKeyStrategy } from '../src/api-keys/api-key.strategy';
import { VERIFIED_KEY_TTL_MS } from '../src/api-keys/verified-key-cache';
import { malformedAuthorization } from './support/malformed-authorization';
import { expectProblem } from './support/problem';
import { resetDatabase, startTestApp, TestApp, TRUSTED_ORIGIN, withDb } from './support/test-app';
import { signUp, SignedInUser } from './support/users';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const KEY_FORMAT = /^tke_live_[A-Za-z0-9_-]{32}$/;
const KEY_FIELDS = ['createdAt', 'expiresAt', 'id', 'lastUsedAt', 'name', 'prefix', 'revokedAt', 'status', 'userId'];
// High enough that the shared per-principal rate limit never interferes with these scenarios.
const ENV = { RATE_LIMIT_MAX: '1000000', LOG_LEVEL: 'debug' };

interface Seen {
  fromCreate: boolean;
  text: string;
}

describe('API keys', () => {
  let t: TestApp;
  let admin: SignedInUser;
  let alice: SignedInUser;
  let bob: SignedInUser;
  /** Every key created in this file, and every response seen, for the leak check at the end. */
  const plaintexts: string[] = [];
  const seen: Seen[] = [];
  const otherApps: TestApp[] = [];

  async function send(req: Test, fromCreate = false) {
    const res = await req;
    seen.push({ fromCreate, text: `${JSON.stringify(res.headers)}\n${res.text}` });
    return res;
  }

  const asUser = (req: Test, user: SignedInUser) => req.set('Cookie', user.cookie).set('Origin', TRUSTED_ORIGIN);
  const asKey = (req: Test, key: string, scheme = 'Bearer') => req.set('Authorization', `${scheme} ${key}`);
  const me = (key: string, scheme = 'Bearer', app = t) => send(asKey(app.http().get('/api/v1/me'), key, scheme));

  async function createKey(user: SignedInUser, body: Record<string, unknown> = { name: 'test key' }, app = t) {
    const res = await send(asUser(app.http().post('/api/v1/api-keys'), user).send(body), true);
    expect(res.status).toBe(201);
    plaintexts.push(res.body.key);
    return res.body as Record<string, string | null> & { id: string; key: string };
  }

  const getKey = (id: string, user: SignedInUser) => send(asUser(t.http().get(`/api/v1/api-keys/${id}`), user));
  const revokeKey = (id: string, user: SignedInUser) => send(asUser(t.http().post(`/api/v1/api-keys/${id}/revoke`), user));
  const listKeys = (user: SignedInUser, query = '') => send(asUser(t.http().get(`/api/v1/api-keys${query}`), user));

  function expect401(res: { status: number; headers: Record<string, string>; text: string }, detail: string) {
    const body = expectProblem(res, 401);
    expect(body.detail).toBe(detail);
    expect(res.headers['www-authenticate']).toBe('Bearer realm="api", error="invalid_token"');
  }

  beforeAll(async () => {
    await resetDatabase();
    t = await startTestApp({ env: ENV });
    admin = await signUp(t, 'admin');
    alice = await signUp(t, 'alice');
    bob = await signUp(t, 'bob');
  });

  afterAll(async () => {
    await Promise.all(otherApps.map((a) => a.close()));
    await t.close();
  });

  it('stores the hash and the first 12 characters, and no trace of the key', async () => {
    const created = await createKey(alice, { name: '  CRM sync  ' });
    expect(created.key).toMatch(KEY_FORMAT);
    expect(Object.keys(created).sort()).toEqual([...KEY_FIELDS, 'key'].sort());
    expect(created).toMatchObject({
      name: 'CRM sync',
      prefix: created.key.slice(0, 12),
      status: 'active',
      expiresAt: null,
      lastUsedAt: null,
      revokedAt: null,
      userId: alice.id,
    });

    const random = created.key.slice('tke_live_'.length);
    const { rows } = await withDb((db) =>
      db.query(`SELECT encode(key_hash, 'hex') AS hash, prefix, environment, row_to_json(k)::text AS everything FROM api_keys k WHERE id = $1`, [
        created.id,
      ]),
    );
    expect(rows[0].hash).toBe(createHash('sha256').update(created.key).digest('hex'));
    expect(rows[0]).toMatchObject({ prefix: created.key.slice(0, 12), environment: 'live' });
    for (const trace of [created.key, random, random.slice(0, 16), Buffer.from(random, 'base64url').toString('hex')]) {
      expect(rows[0].everything).not.toContain(trace);
    }
  });

  it('create, use with Bearer and bearer, list, get, revoke, use again (401), revoke again (200, unchanged)', async () => {
    const created = await createKey(alice, { name: 'lifecycle' });

    for (const scheme of ['Bearer', 'bearer', 'BEARER']) {
      const res = await me(created.key, scheme);
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ userId: alice.id, role: 'member', method: 'api_key', apiKeyId: created.id });
    }

    const list = await listKeys(alice);
    expect(list.status).toBe(200);
    expect(list.body.page).toEqual({ limit: 20, offset: 0, total: list.body.data.length });
    expect(list.body.data[0].id).toBe(created.id);
    for (const key of list.body.data) expect(Object.keys(key).sort()).toEqual(KEY_FIELDS);

    // The first use is written in the background; later uses within a minute do not write again.
    let lastUsedAt: string | null = null;
    for (let i = 0; i < 40 && lastUsedAt === null; i++) {
      lastUsedAt = (await getKey(created.id, alice)).body.lastUsedAt;
      if (lastUsedAt === null) await sleep(50);
    }
    expect(Date.parse(lastUsedAt!)).toBeGreaterThanOrEqual(Date.parse(created.createdAt!));
    expect((await me(created.key)).status).toBe(200);
    await sleep(100);
    const got = await getKey(created.id, alice);
    expect(got.status).toBe(200);
    expect(got.body).toEqual({ ...list.body.data[0], lastUsedAt });

    const revoked = await revokeKey(created.id, alice);
    expect(revoked.status).toBe(200);
    expect(revoked.body).toMatchObject({ id: created.id, status: 'revoked', revokedAt: expect.any(String), lastUsedAt });

    expect401(await me(created.key), 'API key has been revoked');

    const again = await revokeKey(created.id, alice);
    expect(again.status).toBe(200);
    expect(again.body).toEqual(revoked.body);
    expect((await getKey(created.id, alice)).body.status).toBe('revoked');
  });

  it('lets an API-key principal manage keys with its owner rights (no CSRF rule for Bearer requests)', async () => {
    const first = await createKey(bob, { name: 'automation' });
    const viaKey = await send(asKey(t.http().post('/api/v1/api-keys'), first.key).send({ name: 'minted by a key' }), true);
    expect(viaKey.status).toBe(201);
    plaintexts.push(viaKey.body.key);
    expect(viaKey.body.userId).toBe(bob.id);

    const list = await send(asKey(t.http().get('/api/v1/api-keys'), first.key));
    expect(list.body.data.map((k: { id: string }) => k.id)).toEqual(expect.arrayContaining([first.id, viaKey.body.id]));
    expect(list.body.data.every((k: { userId: string }) => k.userId === bob.id)).toBe(true);
    const forbidden = await send(asKey(t.http().get('/api/v1/api-keys?userId=all'), first.key));
    expectProblem(forbidden, 403);

    const selfRevoke = await send(asKey(t.http().post(`/api/v1/api-keys/${first.id}/revoke`), first.key));
    expect(selfRevoke.body.status).toBe('revoked');
    expect401(await me(first.key), 'API key has been revoked');
  });

  it('rejects invalid input with 400 and a field list, and writes nothing', async () => {
    const count = async () =>
      Number((await withDb((db) => db.query('SELECT count(*) FROM api_keys WHERE user_id = $1', [alice.id]))).rows[0].count);
    const before = await count();
    const cases: Array<[Record<string, unknown>, string]> = [
      [{}, 'name'],
      [{ name: '' }, 'name'],
      [{ name: '    ' }, 'name'],
      [{ name: 'x'.repeat(101) }, 'name'],
      [{ name: 42 }, 'name'],
      [{ name: 'ok', color: 'red' }, 'color'],
      [{ name: 'ok', expiresAt: new Date(Date.now() - 60_000).toISOString() }, 'expiresAt'],
      [{ name: 'ok', expiresAt: 'next tuesday' }, 'expiresAt'],
      [{ name: 'ok', expiresAt: '2099-02-30T00:00:00Z' }, 'expiresAt'],
      [{ name: 'ok', expiresAt: '2099-01-01T00:00:00' }, 'expiresAt'],
      [{ name: 'ok', expiresAt: 4102444800000 }, 'expiresAt'],
    ];
    for (const [body, field] of cases) {
      const res = await send(asUser(t.http().post('/api/v1/api-keys'), alice).send(body));
      const problem = expectProblem(res, 400);
      expect(problem.errors.map((e: { field: string }) => e.field)).toContain(field);
    }
    expect(await count()).toBe(before);

    const longest = await createKey(alice, { name: 'y'.repeat(100), expiresAt: '2099-01-01T00:00:00+02:00' });
    expect(longest.expiresAt).toBe('2098-12-31T22:00:00.000Z');

    for (const query of ['?limit=0', '?limit=101', '?offset=-1', '?limit=abc', '?userId=nope', '?userId=', '?sort=name']) {
      expectProblem(await listKeys(alice, query), 400);
    }
    expectProblem(await getKey('not-a-uuid', alice), 400);
    expectProblem(await revokeKey('not-a-uuid', alice), 400);
    expectProblem(await getKey(randomUUID(), alice), 404);
    expectProblem(await revokeKey(randomUUID(), alice), 404);
  });

  it("authorization: a member cannot see or revoke another user's key; an admin can", async () => {
    const alices = await createKey(alice, { name: 'alice private' });
    const bobs = await createKey(bob, { name: 'bob private' });

    expectProblem(await getKey(alices.id, bob), 404);
    expectProblem(await revokeKey(alices.id, bob), 404);
    expect((await getKey(alices.id, alice)).body.status).toBe('active');
    expectProblem(await listKeys(bob, `?userId=${alice.id}`), 403);
    expectProblem(await listKeys(bob, '?userId=all'), 403);
    const own = await listKeys(bob, `?userId=${bob.id}`);
    expect(own.status).toBe(200);
    expect(own.body.data.map((k: { id: string }) => k.id)).toContain(bobs.id);
    expect(own.body.data.map((k: { id: string }) => k.id)).not.toContain(alices.id);

    // The same rules hold when bob authenticates with his key instead of his session.
    expectProblem(await send(asKey(t.http().get(`/api/v1/api-keys/${alices.id}`), bobs.key)), 404);
    expectProblem(await send(asKey(t.http().post(`/api/v1/api-keys/${alices.id}/revoke`), bobs.key)), 404);
    expectProblem(await send(asKey(t.http().get(`/api/v1/api-keys?userId=${alice.id}`), bobs.key)), 403);

    expect((await getKey(alices.id, admin)).body.userId).toBe(alice.id);
    const ofAlice = await listKeys(admin, `?userId=${alice.id}`);
    expect(ofAlice.body.data.length).toBeGreaterThan(0);
    expect(ofAlice.body.data.every((k: { userId: string }) => k.userId === alice.id)).toBe(true);
    const everyone = await listKeys(admin, '?userId=all&limit=100');
    const owners = new Set(everyone.body.data.map((k: { userId: string }) => k.userId));
    expect(owners).toEqual(new Set([alice.id, bob.id]));
    const adminsOwn = await listKeys(admin);
    expect(adminsOwn.body).toEqual({ data: [], page: { limit: 20, offset: 0, total: 0 } });
    const paged = await listKeys(admin, `?userId=${alice.id}&limit=1&offset=1`);
    expect(paged.body.page).toEqual({ limit: 1, offset: 1, total: ofAlice.body.page.total });
    expect(paged.body.data[0].id).toBe(ofAlice.body.data[1].id);

    const revoked = await revokeKey(alices.id, admin);
    expect(revoked.status).toBe(200);
    expect(revoked.body.status).toBe('revoked');
    expect401(await me(alices.key), 'API key has been revoked');

    const none = await send(t.http().get('/api/v1/api-keys'));
    expectProblem(none, 401);
    expect(none.headers['www-authenticate']).toBe('Bearer realm="api"');
  });

  it('expiry: works until expiresAt, then 401; listed as expired before and after the first use; 50 racing requests flip the row once', async () => {
    const expiresAt = new Date(Date.now() + 1500).toISOString();
    const sequential = await createKey(alice, { name: 'expires soon', expiresAt });
    const raced = await createKey(alice, { name: 'expires soon, raced', expiresAt });
    expect((await me(sequential.key)).status).toBe(200);
    expect((await me(raced.key)).status).toBe(200);
    const statusOf = async (id: string) => (await getKey(id, alice)).body.status;
    expect(await statusOf(sequential.id)).toBe('active');

    // Proof of "exactly once" from the database itself: a trigger records every UPDATE that sets
    // api_keys.status (whether or not the value changes), so an unconditional update would be
    // recorded once per racing request. Only this test's keys are counted.
    await withDb((db) =>
      db.query(`
        CREATE TABLE IF NOT EXISTS test_api_key_status_writes (api_key_id uuid, old_status text, new_status text);
        CREATE OR REPLACE FUNCTION test_record_api_key_status_write() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
          INSERT INTO test_api_key_status_writes VALUES (NEW.id, OLD.status, NEW.status);
          RETURN NEW;
        END $$;
        CREATE TRIGGER test_api_key_status_writes AFTER UPDATE OF status ON api_keys
          FOR EACH ROW EXECUTE FUNCTION test_record_api_key_status_write();`),
    );
    try {
      await sleep(Date.parse(expiresAt) - Date.now() + 50);

      // Past expiresAt, before any use: shown as expired while the stored row still says active.
      const listed = await listKeys(alice, '?limit=100');
      for (const id of [sequential.id, raced.id]) {
        expect(listed.body.data.find((k: { id: string }) => k.id === id).status).toBe('expired');
      }
      const stored = await withDb((db) => db.query('SELECT status FROM api_keys WHERE id = ANY($1) ', [[sequential.id, raced.id]]));
      expect(stored.rows.map((r) => r.status)).toEqual(['active', 'active']);

      expect401(await me(sequential.key), 'API key has expired');
      expect401(await me(sequential.key), 'API key has expired');

      const results = await Promise.all(Array.from({ length: 50 }, () => me(raced.key)));
      for (const res of results) expect401(res, 'API key has expired');

      const writes = await withDb((db) =>
        db.query('SELECT api_key_id, old_status, new_status FROM test_api_key_status_writes WHERE api_key_id = ANY($1)', [[sequential.id, raced.id]]),
      );
      expect(writes.rows.filter((w) => w.api_key_id === raced.id)).toEqual([{ api_key_id: raced.id, old_status: 'active', new_status: 'expired' }]);
      expect(writes.rows.filter((w) => w.api_key_id === sequential.id)).toHaveLength(1);
      // The app's view agrees: only the request whose update changed the row logged the transition.
      expect(t.logs.filter((l) => l.msg === 'API key expired' && l.apiKeyId === raced.id)).toHaveLength(1);
    } finally {
      await withDb((db) =>
        db.query(`
          DROP TRIGGER IF EXISTS test_api_key_status_writes ON api_keys;
          DROP FUNCTION IF EXISTS test_record_api_key_status_write();
          DROP TABLE IF EXISTS test_api_key_status_writes;`),
      );
    }

    expect(await statusOf(sequential.id)).toBe('expired');
    expect(await statusOf(raced.id)).toBe('expired');

    // An expired key can still be revoked; revoked is terminal and wins over expired.
    const revoked = await revokeKey(sequential.id, alice);
    expect(revoked.body).toMatchObject({ status: 'revoked', revokedAt: expect.any(String) });
    expect401(await me(sequential.key), 'API key has been revoked');
  });

  it('honours API_KEY_ENVIRONMENT and API_KEY_PREFIX: keys of another server configuration are refused (same database)', async () => {
    const testServer = await startTestApp({ env: { ...ENV, API_KEY_ENVIRONMENT: 'test' } });
    const acmeServer = await startTestApp({ env: { ...ENV, API_KEY_PREFIX: 'acme' } });
    otherApps.push(testServer, acmeServer);

    const testKey = await createKey(alice, { name: 'staging' }, testServer);
    expect(testKey.key).toMatch(/^tke_test_[A-Za-z0-9_-]{32}$/);
    expect((await me(testKey.key, 'Bearer', testServer)).status).toBe(200);
    expect401(await me(testKey.key), 'Invalid API key');
    const env = await withDb((db) => db.query('SELECT environment FROM api_keys WHERE id = $1', [testKey.id]));
    expect(env.rows[0].environment).toBe('test');

    const liveKey = await createKey(alice, { name: 'production' });
    expect401(await me(liveKey.key, 'Bearer', testServer), 'Invalid API key');

    const acmeKey = await createKey(alice, { name: 'acme' }, acmeServer);
    expect(acmeKey.key).toMatch(/^acme_live_[A-Za-z0-9_-]{32}$/);
    expect(acmeKey.prefix).toBe(acmeKey.key.slice(0, 12));
    expect((await me(acmeKey.key, 'Bearer', acmeServer)).status).toBe(200);
    expect401(await me(acmeKey.key), 'Invalid API key');
  });

  it('caps active keys at 100 per user (409 beyond, race-safe); expired and revoked keys do not count', async () => {
    const carol = await signUp(t, 'carol');
    const first = await createKey(carol, { name: 'first' });
    await withDb((db) =>
      db.query(
        `INSERT INTO api_keys (user_id, name, prefix, key_hash, environment)
         SELECT $1, 'bulk ' || i, 'tke_live_bul', sha256(gen_random_uuid()::text::bytea), 'live' FROM generate_series(1, 98) i`,
        [carol.id],
      ),
    );
    // 99 active: of five creations exactly one fits. On PostgreSQL they race (the advisory lock is
    // what keeps it at one). The embedded database runs one transaction at a time, so there is no
    // race to test, and concurrent queries during a transaction are mixed up by its socket server.
    const create = (i: number) => send(asUser(t.http().post('/api/v1/api-keys'), carol).send({ name: `race ${i}` }), true);
    const racing = process.env.TEST_DATABASE_EMBEDDED
      ? [await create(0), await create(1), await create(2), await create(3), await create(4)]
      : await Promise.all([0, 1, 2, 3, 4].map(create));
    plaintexts.push(...racing.filter((r) => r.status === 201).map((r) => r.body.key));
    expect(racing.map((r) => r.status).sort()).toEqual([201, 409, 409, 409, 409]);
    const conflict = expectProblem(racing.find((r) => r.status === 409)!, 409);
    expect(conflict.detail).toMatch(/100 active API keys/);

    await withDb((db) => db.query(`UPDATE api_keys SET expires_at = now() - interval '1 second' WHERE id = $1`, [first.id]));
    await createKey(carol, { name: 'replaces an expired one' });
    expectProblem(await send(asUser(t.http().post('/api/v1/api-keys'), carol).send({ name: 'one too many' })), 409);

    const list = await listKeys(carol, '?limit=1');
    expect((await revokeKey(list.body.data[0].id, carol)).status).toBe(200);
    await createKey(carol, { name: 'replaces a revoked one' });
    expect(list.body.page.total).toBe(101);
  });

  it("refuses a banned owner's keys, and deleting a user deletes their keys", async () => {
    const dave = await signUp(t, 'dave');
    const key = await createKey(dave, { name: 'dave' });
    expect((await me(key.key)).status).toBe(200);
    await withDb((db) => db.query('UPDATE users SET banned = true WHERE id = $1', [dave.id]));
    // A key verified in the last second is not read again (VerifiedKeyCache): a change made in the
    // database meanwhile is seen within one second.
    await sleep(VERIFIED_KEY_TTL_MS);
    expect401(await me(key.key), "The API key's owner is banned");
    await withDb((db) => db.query(`UPDATE users SET ban_expires = now() - interval '1 minute' WHERE id = $1`, [dave.id]));
    expect((await me(key.key)).status).toBe(200);

    await withDb((db) => db.query('DELETE FROM users WHERE id = $1', [dave.id]));
    const left = await withDb((db) => db.query('SELECT count(*) FROM api_keys WHERE user_id = $1', [dave.id]));
    expect(left.rows[0].count).toBe('0');
    await sleep(VERIFIED_KEY_TTL_MS);
    expect401(await me(key.key), 'Invalid API key');
  });

  it('refuses 1,300 malformed Authorization values with 401, never 5xx (1,000 through the strategy, 300 over HTTP)', async () => {
    const strategy = t.app.get(ApiKeyStrategy);
    await fc.assert(
      fc.asyncProperty(malformedAuthorization(), async (authorization) => {
        const result = await strategy.authenticate({ headers: { authorization } } as Request);
        expect(result).toEqual({ kind: 'rejected', message: 'Invalid API key' });
      }),
      { numRuns: 1000 },
    );

    // Over real HTTP on a few keep-alive connections. Header values must be bytes, so unicode goes
    // as its UTF-8 bytes and control characters (which no client can send) become '?'.
    const sendable = (c: string) => c === '\t' || (c >= ' ' && c !== '\x7f');
    const values = fc.sample(malformedAuthorization(), 300).map((v) =>
      [...Buffer.from(v, 'utf8').toString('latin1')].map((c) => (sendable(c) ? c : '?')).join(''),
    );
    const agent = new Agent({ keepAlive: true, maxSockets: 4 });
    try {
      const responses = await Promise.all(
        values.map(
          (authorization) =>
            new Promise<{ status: number; wwwAuthenticate: string | undefined; body: string }>((resolve, reject) => {
              const req = httpRequest(`${t.url}/api/v1/me`, { agent, headers: { authorization } }, (res) => {
                let body = '';
                res.setEncoding('utf8');
                res.on('data', (chunk: string) => (body += chunk));
                res.on('end', () => resolve({ status: res.statusCode!, wwwAuthenticate: res.headers['www-authenticate'], body }));
              });
              req.on('error', reject);
              req.end();
            }),
        ),
      );
      for (const res of responses) {
        expect(res.status).toBe(401);
        expect(JSON.parse(res.body).detail).toBe('Invalid API key');
        expect(res.wwwAuthenticate).toMatch(/^Bearer realm="api"/);
      }
      const bearerLike = responses.filter((_, i) => /^\s*bearer\b/i.test(values[i]));
      expect(bearerLike.length).toBeGreaterThan(100);
      for (const res of bearerLike) expect(res.wwwAuthenticate).toBe('Bearer realm="api", error="invalid_token"');
    } finally {
      agent.destroy();
    }
  });

  it('documents the endpoints in OpenAPI, saying the key is shown once', async () => {
    const doc = (await send(t.http().get('/api/docs-json'))).body;
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining(['/api/v1/api-keys', '/api/v1/api-keys/{id}', '/api/v1/api-keys/{id}/revoke']),
    );
    expect(doc.paths['/api/v1/api-keys'].post.description).toMatch(/shown only in this response/);
    expect(doc.components.schemas.CreatedApiKeyDto.properties.key.description).toMatch(/Shown only in this response/);
  });

  it('never shows a key in a log line or in any response but its create response', () => {
    expect(plaintexts.length).toBeGreaterThan(10);
    const logs = [t, ...otherApps].map((a) => a.rawLogs()).join('');
    expect(logs.length).toBeGreaterThan(0);
    const later = seen.filter((s) => !s.fromCreate).map((s) => s.text);
    expect(later.length).toBeGreaterThan(50);
    for (const key of plaintexts) {
      const random = key.slice(-32);
      expect(logs).not.toContain(random);
      for (const text of later) expect(text).not.toContain(random);
    }
  });
});
