import type { OnApplicationShutdown } from '@nestjs/common';
import type { ThrottlerStorage } from '@nestjs/throttler';
import { fixedWindowRecord, ThrottlerStorageRecord } from './fixed-window';

interface Window {
  hits: number;
  expiresAt: number;
}

const SWEEP_INTERVAL_MS = 1000;

/**
 * Fixed-window counters in this process (used without REDIS_URL). Memory stays bounded by the
 * trackers seen in the last window: a key is (re)inserted when its window starts and every window
 * has the same length, so the Map's insertion order is expiry order and the sweep stops at the first
 * live entry, costing O(expired). The sweep timer is unref'd and runs only while entries exist.
 */
export class MemoryThrottlerStorage implements ThrottlerStorage, OnApplicationShutdown {
  private readonly windows = new Map<string, Window>();
  private sweepTimer: NodeJS.Timeout | undefined;

  /** Counters currently held; for tests and the memory check. */
  get size(): number {
    return this.windows.size;
  }

  async increment(key: string, ttl: number, limit: number): Promise<ThrottlerStorageRecord> {
    const now = Date.now();
    let window = this.windows.get(key);
    if (window === undefined || window.expiresAt <= now) {
      // Delete first so the renewed key moves to the end of the insertion order.
      this.windows.delete(key);
      window = { hits: 0, expiresAt: now + ttl };
      this.windows.set(key, window);
      this.sweepTimer ??= setInterval(() => this.sweep(), SWEEP_INTERVAL_MS).unref();
    }
    window.hits += 1;
    return fixedWindowRecord(window.hits, window.expiresAt - now, limit);
  }

  sweep(now = Date.now()): void {
    for (const [key, window] of this.windows) {
      if (window.expiresAt > now) break;
      this.windows.delete(key);
    }
    if (this.windows.size === 0) this.stopSweeping();
  }

  onApplicationShutdown(): void {
    this.stopSweeping();
    this.windows.clear();
  }

  private stopSweeping(): void {
    clearInterval(this.sweepTimer);
    this.sweepTimer = undefined;
  }
}
