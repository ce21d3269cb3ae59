import { createServer } from 'node:net';
import { TcpProxy } from './support/tcp-proxy';
import { expectCounted, expectThrottled, sleep } from './support/rate-limit';
import { startTestApp, TestApp } from './support/test-app';
import { signUp } from './support/users';

// Each test counts for freshly signed-up users (random UUIDs), so runs sharing one Redis never meet.
const REDIS_URL = process.env.TEST_REDIS_URL;
const describeWithRedis = REDIS_URL ? describe : describe.skip;
const needsRedis = REDIS_URL ? '' : ' [skipped: set TEST_REDIS_URL=redis://127.0.0.1:6379 to run]';

const N = 6;
const WINDOW = 30;
const limits = { RATE_LIMIT_MAX: String(N), RATE_LIMIT_WINDOW_SECONDS: String(WINDOW) };

const outageWarnings = (t: TestApp) => t.logs.filter((l) => l.level === 'warn' && String(l.msg).startsWith('rate-limit store unreachable'));

describeWithRedis(`rate limit with Redis: instances share one budget${needsRedis}`, () => {
  let a: TestApp;
  let b: TestApp;

  beforeAll(async () => {
    a = await startTestApp({ env: { ...limits, REDIS_URL: REDIS_URL! } });
    b = await startTestApp({ env: { ...limits, REDIS_URL: REDIS_URL! } });
  });
  afterAll(async () => {
    await a?.close();
    await b?.close();
  });

  it('allows exactly N of N + 50 concurrent requests from one user', async () => {
    const user = await signUp(a, 'rl-redis-burst');
    const responses = await Promise.all(Array.from({ length: N + 50 }, () => a.http().get('/api/v1/me').set('Cookie', user.cookie)));
    expect(responses.filter((r) => r.status === 200)).toHaveLength(N);
    const refused = responses.filter((r) => r.status === 429);
    expect(refused).toHaveLength(50);
    for (const r of refused) expectThrottled(r, { limit: N, window: WINDOW });
  });

  it('counts one budget across two instances: alternating requests see one countdown', async () => {
    const user = await signUp(a, 'rl-redis-alternate');
    for (let i = 0; i < N; i++) {
      const instance = i % 2 === 0 ? a : b;
      expectCounted(await instance.http().get('/api/v1/me').set('Cookie', user.cookie).expect(200), { limit: N, remaining: N - 1 - i, window: WINDOW });
    }
    expectThrottled(await a.http().get('/api/v1/me').set('Cookie', user.cookie), { limit: N, window: WINDOW });
    expectThrottled(await b.http().get('/api/v1/me').set('Cookie', user.cookie), { limit: N, window: WINDOW });
  });

  it('together allows exactly N for one user when requests hit both instances at once', async () => {
    const user = await signUp(a, 'rl-redis-both');
    const responses = await Promise.all(
      Array.from({ length: N + 50 }, (_, i) => (i % 2 === 0 ? a : b).http().get('/api/v1/me').set('Cookie', user.cookie)),
    );
    expect(responses.filter((r) => r.status === 200)).toHaveLength(N);
    expect(responses.filter((r) => r.status === 429)).toHaveLength(50);
  });
});

describeWithRedis(`rate limit with Redis: outage${needsRedis}`, () => {
  it('fails open while Redis is unreachable (served, uncounted, one warning) and counts again when it is back', async () => {
    const redis = new URL(REDIS_URL!);
    const proxy = new TcpProxy(redis.hostname, Number(redis.port || 6379));
    await proxy.start();
    const t = await startTestApp({ env: { ...limits, REDIS_URL: proxy.wrap(REDIS_URL!) } });
    try {
      const user = await signUp(t, 'rl-redis-outage');
      expectCounted(await t.http().get('/api/v1/me').set('Cookie', user.cookie).expect(200), { limit: N, remaining: N - 1, window: WINDOW });

      await proxy.stop();
      for (let i = 0; i < N + 2; i++) {
        const started = Date.now();
        const res = await t.http().get('/api/v1/me').set('Cookie', user.cookie).expect(200);
        expect(res.headers['x-ratelimit-limit']).toBeUndefined();
        expect(Date.now() - started).toBeLessThan(1000);
      }
      expect(outageWarnings(t)).toHaveLength(1);
      expect(t.rawLogs()).not.toContain(user.cookie.split('=')[1]);

      await proxy.start();
      let res = await t.http().get('/api/v1/me').set('Cookie', user.cookie);
      for (let waited = 0; res.headers['x-ratelimit-limit'] === undefined && waited < 5000; waited += 100) {
        await sleep(100);
        res = await t.http().get('/api/v1/me').set('Cookie', user.cookie);
      }
      expect(res.status).toBe(200);
      expectCounted(res, { limit: N, remaining: N - 2, window: WINDOW });
      expect(t.logs.some((l) => l.msg === 'rate-limit store reachable again: requests are counted')).toBe(true);
    } finally {
      await t.close();
      await proxy.stop();
    }
  });
});

describe('rate limit with an unreachable REDIS_URL at start-up', () => {
  it('starts, serves requests without counting them, and warns once', async () => {
    const closedPort = await new Promise<number>((resolve) => {
      const server = createServer().listen(0, '127.0.0.1', () => {
        const { port } = server.address() as { port: number };
        server.close(() => resolve(port));
      });
    });
    const t = await startTestApp({ env: { ...limits, REDIS_URL: `redis://:not-logged-secret@127.0.0.1:${closedPort}` } });
    try {
      const user = await signUp(t, 'rl-redis-closed');
      for (let i = 0; i < N + 2; i++) {
        const res = await t.http().get('/api/v1/me').set('Cookie', user.cookie).expect(200);
        expect(res.headers['x-ratelimit-limit']).toBeUndefined();
      }
      expect(outageWarnings(t)).toHaveLength(1);
      expect(t.rawLogs()).not.toContain('not-logged-secret');
    } finally {
      await t.close();
    }
  });
});
