import type { ThrottlerStorage } from '@nestjs/throttler';

/** What a storage answers for one hit (the package does not export its name for this type). */
export type ThrottlerStorageRecord = Awaited<ReturnType<ThrottlerStorage['increment']>>;

/**
 * The throttler's view of one fixed window, shared by both storages so that a deployment with and
 * without Redis answers alike: the request that exceeds the limit is refused until the window ends,
 * and `Retry-After` equals `X-RateLimit-Reset`.
 */
export function fixedWindowRecord(hits: number, msToExpiry: number, limit: number): ThrottlerStorageRecord {
  // Never 0: a client told to wait 0 s would retry at once, into the same window.
  const secondsToExpiry = Math.max(1, Math.ceil(msToExpiry / 1000));
  const isBlocked = hits > limit;
  return { totalHits: hits, timeToExpire: secondsToExpiry, isBlocked, timeToBlockExpire: isBlocked ? secondsToExpiry : 0 };
}
