import { BeforeApplicationShutdown, Injectable } from '@nestjs/common';
import { JsonLogger } from '../common/logging/json-logger';
import { ApiKeysRepository } from './api-keys.repository';

/** At most one `last_used_at` write per key per this interval, per process. */
export const LAST_USED_WRITE_INTERVAL_MS = 60_000;

// Beyond this many remembered keys, entries older than the interval are dropped.
const PRUNE_THRESHOLD = 10_000;

/**
 * Keeps `api_keys.last_used_at` roughly current without a write per request: the first use of a
 * key in each minute writes, in the background. So `lastUsedAt` is at most a minute behind (per
 * instance), and a failed write only costs precision: it is logged, never seen by the request.
 */
@Injectable()
export class LastUsedTracker implements BeforeApplicationShutdown {
  private readonly lastWrite = new Map<string, number>();
  private readonly pending = new Set<Promise<void>>();

  constructor(
    private readonly keys: ApiKeysRepository,
    private readonly logger: JsonLogger,
  ) {}

  /** Records a use; never waits and never throws. */
  touch(apiKeyId: string, now = Date.now()): void {
    const previous = this.lastWrite.get(apiKeyId);
    if (previous !== undefined && now - previous < LAST_USED_WRITE_INTERVAL_MS) return;
    if (this.lastWrite.size >= PRUNE_THRESHOLD) this.prune(now);
    this.lastWrite.set(apiKeyId, now);
    const write = this.keys
      .touchLastUsed(apiKeyId, new Date(now))
      .catch((error: unknown) =>
        this.logger.emit('warn', 'could not record API key use', {
          context: 'LastUsedTracker',
          apiKeyId,
          error: error instanceof Error ? error.message : String(error),
        }),
      )
      .finally(() => this.pending.delete(write));
    this.pending.add(write);
  }

  /** Lets in-flight writes finish before the pool closes. */
  async beforeApplicationShutdown(): Promise<void> {
    await Promise.allSettled([...this.pending]);
  }

  private prune(now: number): void {
    for (const [id, at] of this.lastWrite) {
      if (now - at >= LAST_USED_WRITE_INTERVAL_MS) this.lastWrite.delete(id);
    }
  }
}
