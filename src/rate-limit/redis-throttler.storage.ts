import type { OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import type { ThrottlerStorage } from '@nestjs/throttler';
import Redis from 'ioredis';
import type { JsonLogger } from '../common/logging/json-logger';
import { fixedWindowRecord, ThrottlerStorageRecord } from './fixed-window';
import { RateLimitStoreUnavailableError } from './rate-limit-store-unavailable.error';

/**
 * One atomic step of a fixed window: count the hit, start the window's expiry on its first hit, and
 * report hits and milliseconds left. A counter found without expiry (written by hand, or restored
 * without its TTL) gets one, since it would otherwise lock its owner out for good.
 */
const HIT_SCRIPT = `
local hits = redis.call('INCR', KEYS[1])
if hits == 1 then
  redis.call('PEXPIRE', KEYS[1], ARGV[1])
end
local ttl = redis.call('PTTL', KEYS[1])
if ttl < 0 then
  redis.call('PEXPIRE', KEYS[1], ARGV[1])
  ttl = tonumber(ARGV[1])
end
return {hits, ttl}
`;

type ScriptedRedis = Redis & { rateLimitHit(key: string, ttlMs: number): Promise<[number, number]> };

/** While Redis is unreachable every request fails over; one warning per this period is enough. */
const OUTAGE_WARNING_INTERVAL_MS = 30_000;

/**
 * Counters in Redis, so every instance shares one budget per principal. It never waits for Redis:
 * with the offline queue off and a short command timeout, an outage makes `increment` throw at once
 * (the guard then serves the request uncounted) while ioredis keeps reconnecting in the background.
 */
export class RedisThrottlerStorage implements ThrottlerStorage, OnModuleInit, OnApplicationShutdown {
  private readonly redis: ScriptedRedis;
  private lastWarningAt = -Infinity;
  private down = false;

  constructor(url: string, private readonly logger: JsonLogger) {
    this.redis = new Redis(url, {
      lazyConnect: true,
      enableOfflineQueue: false,
      maxRetriesPerRequest: 0,
      commandTimeout: 500,
      connectTimeout: 2000,
      // On shutdown ioredis waits this long for a stream that may already be dead (default 2 s).
      disconnectTimeout: 200,
    }) as ScriptedRedis;
    // EVALSHA, falling back to EVAL once per connection: the script is not resent on every request.
    this.redis.defineCommand('rateLimitHit', { numberOfKeys: 1, lua: HIT_SCRIPT });
    // Without a listener ioredis prints every reconnection failure itself.
    this.redis.on('error', (error: Error) => this.reportOutage(error));
    this.redis.on('ready', () => {
      if (!this.down) return;
      this.down = false;
      this.logger.emit('info', 'rate-limit store reachable again: requests are counted', { context: 'RateLimit' });
    });
  }

  /** Connects before the app listens; if Redis is down the app starts anyway and fails open. */
  async onModuleInit(): Promise<void> {
    try {
      await this.redis.connect();
    } catch (error) {
      this.reportOutage(error);
    }
  }

  async increment(key: string, ttl: number, limit: number): Promise<ThrottlerStorageRecord> {
    let hits: number;
    let msToExpiry: number;
    try {
      [hits, msToExpiry] = await this.redis.rateLimitHit(key, ttl);
    } catch (error) {
      this.reportOutage(error);
      throw new RateLimitStoreUnavailableError(error);
    }
    return fixedWindowRecord(hits, msToExpiry, limit);
  }

  onApplicationShutdown(): void {
    this.redis.disconnect();
  }

  private reportOutage(error: unknown): void {
    this.down = true;
    const now = Date.now();
    if (now - this.lastWarningAt < OUTAGE_WARNING_INTERVAL_MS) return;
    this.lastWarningAt = now;
    // ioredis messages name the host and port at most, never the URL's password.
    this.logger.emit('warn', 'rate-limit store unreachable: serving requests without rate limiting', {
      context: 'RateLimit',
      error: error instanceof Error ? error.message : String(error),
    });
  }
}
