import { randomBytes, randomUUID } from 'node:crypto';
import { SessionStrategy } from '../src/auth/session.strategy';
import { ProbeModule } from './support/probe.module';
import { TcpProxy } from './support/tcp-proxy';
import { startTestApp, TestApp, testDatabaseUrl, TRUSTED_ORIGIN } from './support/test-app';
import { SignedInUser, signUp } from './support/users';
import { apiKeyFor, expectCounted, expectThrottled, sleep } from './support/rate-limit';

/** A well-formed key that no one holds: what a key-guessing client sends. */
const guessedKey = () => `tke_live_${randomBytes(24).toString('base64url')}`;

describe('rate limit: defaults and scope', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({ imports: [ProbeModule] });
  });
  afterAll(() => t.close());

  it('with the defaults, the first response carries X-RateLimit-Limit: 100 (a 401 is counted too)', async () => {
    const res = await t.http().get('/api/v1/me').expect(401);
    expectCounted(res, { limit: 100, remaining: 99, window: 60 });
  });

  it('looks the principal up once per request: the auth guard reuses the throttler\'s lookup', async () => {
    const user = await signUp(t, 'rl-once');
    const lookups = jest.spyOn(t.app.get(SessionStrategy), 'authenticate');
    try {
      await t.http().get('/api/v1/me').set('Cookie', user.cookie).expect(200);
      expect(lookups).toHaveBeenCalledTimes(1);
    } finally {
      lookups.mockRestore();
    }
  });

  it('leaves health, docs, pages, better-auth and unknown routes outside the budget', async () => {
    for (const path of ['/health', '/health/ready', '/api/docs-json', '/login', '/api/auth/get-session', '/api/v1/no-such-route']) {
      const res = await t.http().get(path);
      expect([path, res.headers['x-ratelimit-limit']]).toEqual([path, undefined]);
    }
  });

  it('counts a route whatever the case of its path (Express matches paths case-insensitively)', async () => {
    const before = await t.http().get('/api/v1/probe/public').expect(200);
    const upper = await t.http().get('/API/V1/PROBE/PUBLIC').expect(200);
    expect(Number(upper.headers['x-ratelimit-remaining'])).toBe(Number(before.headers['x-ratelimit-remaining']) - 1);
  });

  it('exposes the headers to trusted browser origins (CORS)', async () => {
    const res = await t.http().get('/api/v1/probe/public').set('Origin', TRUSTED_ORIGIN).expect(200);
    const exposed = String(res.headers['access-control-expose-headers']).toLowerCase();
    for (const h of ['retry-after', 'x-ratelimit-limit', 'x-ratelimit-remaining', 'x-ratelimit-reset']) expect(exposed).toContain(h);
  });

  it('documents the headers and the 429 in OpenAPI', async () => {
    const doc = (await t.http().get('/api/docs-json').expect(200)).body;
    expect(Object.keys(doc.components.headers)).toEqual(
      expect.arrayContaining(['X-RateLimit-Limit', 'X-RateLimit-Remaining', 'X-RateLimit-Reset', 'Retry-After']),
    );
    const me = doc.paths['/api/v1/me'].get.responses;
    expect(me['429'].$ref).toBe('#/components/responses/TooManyRequests');
    expect(Object.keys(me['200'].headers)).toContain('X-RateLimit-Remaining');
    expect(doc.paths['/health'].get.responses['429']).toBeUndefined();
  });
});

describe('rate limit: one budget per principal (in memory)', () => {
  const N = 6;
  const WINDOW = 30;
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({ imports: [ProbeModule], env: { RATE_LIMIT_MAX: String(N), RATE_LIMIT_WINDOW_SECONDS: String(WINDOW) } });
  });
  afterAll(() => t.close());

  it('shares one budget across session and API key and across routes: exactly N succeed, then 429 with all headers', async () => {
    const user = await signUp(t, 'rl-split');
    const key = await apiKeyFor(t, user); // request 1, by session
    const bearer = `Bearer ${key}`;
    const requests = [
      () => t.http().get('/api/v1/me').set('Cookie', user.cookie),
      () => t.http().get('/api/v1/me').set('Authorization', bearer),
      () => t.http().get('/api/v1/api-keys').set('Authorization', bearer),
      () => t.http().get('/api/v1/probe/public').set('Authorization', bearer),
      () => t.http().get('/api/v1/api-keys').set('Cookie', user.cookie),
    ];
    for (const [i, send] of requests.entries()) {
      expectCounted(await send().expect((r) => expect(r.status).toBeLessThan(300)), { limit: N, remaining: N - 2 - i, window: WINDOW });
    }
    expectThrottled(await t.http().get('/api/v1/me').set('Authorization', bearer), { limit: N, window: WINDOW });
    expectThrottled(await t.http().get('/api/v1/probe').set('Cookie', user.cookie), { limit: N, window: WINDOW });
  });

  it('allows exactly N of N + 50 concurrent requests from one user', async () => {
    const user = await signUp(t, 'rl-burst');
    const responses = await Promise.all(Array.from({ length: N + 50 }, () => t.http().get('/api/v1/me').set('Cookie', user.cookie)));
    expect(responses.filter((r) => r.status === 200)).toHaveLength(N);
    const refused = responses.filter((r) => r.status === 429);
    expect(refused).toHaveLength(50);
    for (const r of refused) expectThrottled(r, { limit: N, window: WINDOW });
  });

  it('leaves another user unaffected while the first is blocked', async () => {
    const [first, second] = [await signUp(t, 'rl-first'), await signUp(t, 'rl-second')];
    for (let i = 0; i < N; i++) await t.http().get('/api/v1/me').set('Cookie', first.cookie).expect(200);
    expectThrottled(await t.http().get('/api/v1/me').set('Cookie', first.cookie), { limit: N, window: WINDOW });
    const other = await t.http().get('/api/v1/me').set('Cookie', second.cookie).expect(200);
    expectCounted(other, { limit: N, remaining: N - 1, window: WINDOW });
  });

  it('keeps the headers on 403 and 404 responses, which are counted', async () => {
    const user = await signUp(t, 'rl-errors');
    const csrf = await t.http().post('/api/v1/probe').set('Cookie', user.cookie).expect(403);
    expectCounted(csrf, { limit: N, remaining: N - 1, window: WINDOW });
    const missing = await t.http().get(`/api/v1/api-keys/${randomUUID()}`).set('Cookie', user.cookie).expect(404);
    expectCounted(missing, { limit: N, remaining: N - 2, window: WINDOW });
  });

  it('throttles bad keys from one address, and a changing X-Forwarded-For does not escape without TRUST_PROXY', async () => {
    for (let i = 0; i < N; i++) {
      const res = await t.http().get('/api/v1/me').set('Authorization', `Bearer ${guessedKey()}`).set('X-Forwarded-For', `198.51.100.${i}`);
      expect(res.status).toBe(401);
      expectCounted(res, { limit: N, remaining: N - 1 - i, window: WINDOW });
    }
    for (const ip of ['203.0.113.1', '203.0.113.2', '2001:db8::1']) {
      const res = await t.http().get('/api/v1/me').set('Authorization', `Bearer ${guessedKey()}`).set('X-Forwarded-For', ip);
      expectThrottled(res, { limit: N, window: WINDOW });
    }
    // A valid principal from the same address has its own budget.
    const user = await signUp(t, 'rl-same-address');
    await t.http().get('/api/v1/me').set('Cookie', user.cookie).expect(200);
  });
});

describe('rate limit: behind a proxy (TRUST_PROXY=true)', () => {
  const N = 3;
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({ imports: [ProbeModule], env: { RATE_LIMIT_MAX: String(N), RATE_LIMIT_WINDOW_SECONDS: '30', TRUST_PROXY: 'true' } });
  });
  afterAll(() => t.close());

  it('counts anonymous requests per forwarded client address', async () => {
    for (let i = 0; i < N; i++) await t.http().get('/api/v1/me').set('X-Forwarded-For', '203.0.113.7').expect(401);
    expectThrottled(await t.http().get('/api/v1/me').set('X-Forwarded-For', '203.0.113.7'), { limit: N, window: 30 });
    const other = await t.http().get('/api/v1/me').set('X-Forwarded-For', '203.0.113.8').expect(401);
    expectCounted(other, { limit: N, remaining: N - 1, window: 30 });
  });

  it('counts public routes too: per address when anonymous, per user when signed in', async () => {
    const anonymous = await t.http().get('/api/v1/probe/public').set('X-Forwarded-For', '198.51.100.20').expect(200);
    expectCounted(anonymous, { limit: N, remaining: N - 1, window: 30 });
    const user: SignedInUser = await signUp(t, 'rl-public');
    const signedIn = await t.http().get('/api/v1/probe/public').set('Cookie', user.cookie).set('X-Forwarded-For', '198.51.100.20').expect(200);
    expectCounted(signedIn, { limit: N, remaining: N - 1, window: 30 });
  });
});

describe('rate limit: the window ends', () => {
  it('serves a blocked user again once Retry-After has passed', async () => {
    const t = await startTestApp({ env: { RATE_LIMIT_MAX: '2', RATE_LIMIT_WINDOW_SECONDS: '2' } });
    try {
      const user = await signUp(t, 'rl-window');
      await t.http().get('/api/v1/me').set('Cookie', user.cookie).expect(200);
      await t.http().get('/api/v1/me').set('Cookie', user.cookie).expect(200);
      const blocked = await t.http().get('/api/v1/me').set('Cookie', user.cookie);
      expectThrottled(blocked, { limit: 2, window: 2 });
      await sleep(Number(blocked.headers['retry-after']) * 1000 + 50);
      const again = await t.http().get('/api/v1/me').set('Cookie', user.cookie).expect(200);
      expectCounted(again, { limit: 2, remaining: 1, window: 2 });
    } finally {
      await t.close();
    }
  });
});

describe('rate limit: database outage', () => {
  it('counts requests by address when the principal cannot be looked up, and still serves public routes', async () => {
    const target = new URL(testDatabaseUrl());
    const proxy = new TcpProxy(target.hostname, Number(target.port || 5432));
    await proxy.start();
    const t = await startTestApp({ imports: [ProbeModule], databaseUrl: proxy.wrap(testDatabaseUrl()), env: { RATE_LIMIT_MAX: '5', RATE_LIMIT_WINDOW_SECONDS: '30' } });
    try {
      const user = await signUp(t, 'rl-db-down');
      await proxy.stop();
      const open = await t.http().get('/api/v1/probe/public').set('Cookie', user.cookie).expect(200);
      expectCounted(open, { limit: 5, remaining: 4, window: 30 });
      const closed = await t.http().get('/api/v1/me').set('Cookie', user.cookie);
      // The auth guard reports the failed lookup (503); the request was counted all the same.
      expect(closed.status).toBe(503);
      expectCounted(closed, { limit: 5, remaining: 3, window: 30 });
    } finally {
      await t.close();
      await proxy.stop();
    }
  });
});
