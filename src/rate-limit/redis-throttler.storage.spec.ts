import { randomUUID } from 'node:crypto';
import { createServer } from 'node:net';
import Redis from 'ioredis';
import { JsonLogger } from '../common/logging/json-logger';
import { RateLimitStoreUnavailableError } from './rate-limit-store-unavailable.error';
import { RedisThrottlerStorage } from './redis-throttler.storage';

const REDIS_URL = process.env.TEST_REDIS_URL;
const describeWithRedis = REDIS_URL ? describe : describe.skip;
const needsRedis = REDIS_URL ? '' : ' [skipped: set TEST_REDIS_URL=redis://127.0.0.1:6379 to run]';

function capturingLogger(): { logger: JsonLogger; lines: string[] } {
  const lines: string[] = [];
  return { logger: new JsonLogger('warn', (line) => lines.push(line)), lines };
}

describeWithRedis(`RedisThrottlerStorage against Redis${needsRedis}`, () => {
  const prefix = `tke-test:${randomUUID()}:`;
  let storage: RedisThrottlerStorage;
  let admin: Redis;

  beforeAll(async () => {
    storage = new RedisThrottlerStorage(REDIS_URL!, capturingLogger().logger);
    await storage.onModuleInit();
    admin = new Redis(REDIS_URL!);
  });
  afterAll(async () => {
    storage.onApplicationShutdown();
    const keys = await admin.keys(`${prefix}*`);
    if (keys.length > 0) await admin.del(...keys);
    admin.disconnect();
  });

  it('counts concurrent hits atomically: 200 parallel hits get 1..200, and those past the limit are blocked', async () => {
    const records = await Promise.all(Array.from({ length: 200 }, () => storage.increment(`${prefix}burst`, 30_000, 150)));
    expect(records.map((r) => r.totalHits).sort((x, y) => x - y)).toEqual(Array.from({ length: 200 }, (_, i) => i + 1));
    expect(records.filter((r) => r.isBlocked)).toHaveLength(50);
    for (const r of records) expect(r.timeToExpire).toBe(30);
  });

  it('sets the expiry on the first hit only: the window does not slide', async () => {
    await storage.increment(`${prefix}fixed`, 400, 5);
    await new Promise((r) => setTimeout(r, 250));
    await storage.increment(`${prefix}fixed`, 400, 5);
    expect(await admin.pttl(`${prefix}fixed`)).toBeLessThanOrEqual(150);
    await new Promise((r) => setTimeout(r, 200));
    expect((await storage.increment(`${prefix}fixed`, 400, 5)).totalHits).toBe(1);
  });

  it('gives a counter found without expiry one, rather than locking its owner out for good', async () => {
    await admin.set(`${prefix}stuck`, '999');
    const record = await storage.increment(`${prefix}stuck`, 5_000, 5);
    expect(record).toMatchObject({ totalHits: 1000, isBlocked: true, timeToExpire: 5 });
    expect(await admin.pttl(`${prefix}stuck`)).toBeGreaterThan(0);
  });
});

describe('RedisThrottlerStorage without a reachable Redis', () => {
  it('fails at once with RateLimitStoreUnavailableError and warns once, without the password', async () => {
    const port = await new Promise<number>((resolve) => {
      const server = createServer().listen(0, '127.0.0.1', () => {
        const { port } = server.address() as { port: number };
        server.close(() => resolve(port));
      });
    });
    const { logger, lines } = capturingLogger();
    const storage = new RedisThrottlerStorage(`redis://:hunter2-secret@127.0.0.1:${port}`, logger);
    await storage.onModuleInit();
    try {
      for (let i = 0; i < 5; i++) {
        const started = Date.now();
        await expect(storage.increment('k', 1_000, 5)).rejects.toBeInstanceOf(RateLimitStoreUnavailableError);
        expect(Date.now() - started).toBeLessThan(200);
      }
      expect(lines).toHaveLength(1);
      expect(JSON.parse(lines[0])).toMatchObject({ level: 'warn', context: 'RateLimit' });
      expect(lines.join('')).not.toContain('hunter2');
    } finally {
      storage.onApplicationShutdown();
    }
  });
});
