/**
 * Memory check of the in-memory rate-limit storage (issue 5, item 5): record 100,000 distinct
 * trackers, wait one window (plus one sweep tick), force GC, and compare the heap with the heap
 * before. Two rounds, so growth that survives a window shows up as a rising floor.
 *
 *   npm run check:rate-limit-memory                     # this app's storage; exits 1 if the heap stays up
 *   npm run check:rate-limit-memory -- --stock          # @nestjs/throttler's own storage, for comparison
 *   npm run check:rate-limit-memory -- --stock --wait-ms 62000   # ...waiting out its 60 s sweep
 */
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { parseArgs } from 'node:util';
import { ThrottlerStorageService, type ThrottlerStorage } from '@nestjs/throttler';
import { MemoryThrottlerStorage } from '../src/rate-limit/memory-throttler.storage';

const { values } = parseArgs({
  options: {
    stock: { type: 'boolean', default: false },
    trackers: { type: 'string', default: '100000' },
    'window-ms': { type: 'string', default: '2000' },
    'wait-ms': { type: 'string' },
  },
});
const TRACKERS = Number(values.trackers);
const WINDOW_MS = Number(values['window-ms']);
// One window, plus a sweep tick of the app's storage (1 s) and some slack.
const WAIT_MS = Number(values['wait-ms'] ?? WINDOW_MS + 1500);
/** "Close to its earlier heap": what is left after the wait, as a share of what the trackers took. */
const MAX_RETAINED_SHARE = 0.05;

const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error('Run with node --expose-gc (npm run check:rate-limit-memory does).');

function heapMb(): number {
  gc!();
  gc!();
  return process.memoryUsage().heapUsed / 2 ** 20;
}

/** Counters the storage holds, read through whichever accessor it has. */
function heldBy(storage: ThrottlerStorage): number {
  return storage instanceof MemoryThrottlerStorage ? storage.size : (storage as ThrottlerStorageService).storage.size;
}

async function round(storage: ThrottlerStorage, n: number): Promise<{ before: number; filled: number; after: number }> {
  const before = heapMb();
  for (let i = 0; i < TRACKERS; i++) {
    // The guard's key format, with a user id: the longest tracker the app produces.
    await storage.increment(`tke:rate-limit:default:user:${randomUUID()}`, WINDOW_MS, 100, WINDOW_MS, 'default');
  }
  const filled = heapMb();
  const held = heldBy(storage);
  await sleep(WAIT_MS);
  const after = heapMb();
  console.log(
    `round ${n}: heap before ${before.toFixed(1)} MB, with ${TRACKERS} trackers ${filled.toFixed(1)} MB (${held} counters), ` +
      `after ${WAIT_MS} ms ${after.toFixed(1)} MB (${heldBy(storage)} counters)`,
  );
  return { before, filled, after };
}

async function main(): Promise<void> {
  const storage: ThrottlerStorage = values.stock ? new ThrottlerStorageService() : new MemoryThrottlerStorage();
  console.log(`${storage.constructor.name}: ${TRACKERS} distinct trackers, window ${WINDOW_MS} ms, node ${process.version}`);
  const baseline = heapMb();
  const rounds = [await round(storage, 1), await round(storage, 2)];
  const took = Math.max(...rounds.map((r) => r.filled - r.before));
  const retained = rounds[1].after - baseline;
  console.log(`baseline ${baseline.toFixed(1)} MB; trackers took up to ${took.toFixed(1)} MB; retained after two rounds ${retained.toFixed(1)} MB`);
  (storage as Partial<{ onApplicationShutdown(): void }>).onApplicationShutdown?.();
  if (retained > took * MAX_RETAINED_SHARE) {
    console.log(`FAIL: more than ${MAX_RETAINED_SHARE * 100}% of the trackers' memory is still held`);
    process.exitCode = 1;
  } else {
    console.log('OK: the heap returns to its earlier size');
  }
}

void main();
