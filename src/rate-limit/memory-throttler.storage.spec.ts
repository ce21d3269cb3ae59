import { MemoryThrottlerStorage } from './memory-throttler.storage';

describe('MemoryThrottlerStorage', () => {
  let storage: MemoryThrottlerStorage;

  beforeEach(() => {
    jest.useFakeTimers({ now: 1_000_000 });
    storage = new MemoryThrottlerStorage();
  });
  afterEach(() => {
    storage.onApplicationShutdown();
    jest.useRealTimers();
  });

  it('counts hits in a fixed window and blocks past the limit until the window ends', async () => {
    expect(await storage.increment('k', 10_000, 2)).toEqual({ totalHits: 1, timeToExpire: 10, isBlocked: false, timeToBlockExpire: 0 });
    jest.setSystemTime(1_000_000 + 2_500);
    expect(await storage.increment('k', 10_000, 2)).toEqual({ totalHits: 2, timeToExpire: 8, isBlocked: false, timeToBlockExpire: 0 });
    expect(await storage.increment('k', 10_000, 2)).toEqual({ totalHits: 3, timeToExpire: 8, isBlocked: true, timeToBlockExpire: 8 });
    expect((await storage.increment('other', 10_000, 2)).totalHits).toBe(1);
  });

  it('starts a new window once the old one has ended', async () => {
    await storage.increment('k', 1_000, 1);
    expect((await storage.increment('k', 1_000, 1)).isBlocked).toBe(true);
    jest.setSystemTime(1_000_000 + 1_000);
    expect(await storage.increment('k', 1_000, 1)).toEqual({ totalHits: 1, timeToExpire: 1, isBlocked: false, timeToBlockExpire: 0 });
  });

  it('forgets ended windows within a second and stops its timer when nothing is left', async () => {
    await storage.increment('early', 1_000, 5);
    jest.advanceTimersByTime(500);
    await storage.increment('late', 1_000, 5);
    await storage.increment('early', 1_000, 5);
    expect(storage.size).toBe(2);

    jest.advanceTimersByTime(600); // early has ended, late has 400 ms left
    expect(storage.size).toBe(1);
    expect(jest.getTimerCount()).toBe(1);

    jest.advanceTimersByTime(1_000);
    expect(storage.size).toBe(0);
    expect(jest.getTimerCount()).toBe(0);
  });

  it('keeps expiry order when a key starts a new window, so the sweep stops at the first live entry', async () => {
    await storage.increment('a', 1_000, 5);
    await storage.increment('b', 1_000, 5);
    jest.setSystemTime(1_000_000 + 1_000);
    await storage.increment('a', 1_000, 5); // a's second window ends after b's first
    storage.sweep(1_000_000 + 1_000);
    expect(storage.size).toBe(1);
    expect((await storage.increment('a', 1_000, 5)).totalHits).toBe(2);
  });
});
