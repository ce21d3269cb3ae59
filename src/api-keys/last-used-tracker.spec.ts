import { JsonLogger } from '../common/logging/json-logger';
import type { ApiKeysRepository } from './api-keys.repository';
import { LAST_USED_WRITE_INTERVAL_MS, LastUsedTracker } from './last-used-tracker';

function setup() {
  const repository = { touchLastUsed: jest.fn().mockResolvedValue(undefined) };
  const lines: string[] = [];
  const tracker = new LastUsedTracker(repository as unknown as ApiKeysRepository, new JsonLogger('debug', (l) => lines.push(l)));
  return { repository, tracker, lines };
}

describe('LastUsedTracker', () => {
  it('writes at most once per key per interval, each key on its own clock', async () => {
    const { repository, tracker } = setup();
    const t0 = 1_000_000;
    tracker.touch('a', t0);
    tracker.touch('a', t0 + 1);
    tracker.touch('a', t0 + LAST_USED_WRITE_INTERVAL_MS - 1);
    tracker.touch('b', t0 + 5);
    tracker.touch('a', t0 + LAST_USED_WRITE_INTERVAL_MS);
    await tracker.beforeApplicationShutdown();
    expect(repository.touchLastUsed.mock.calls).toEqual([
      ['a', new Date(t0)],
      ['b', new Date(t0 + 5)],
      ['a', new Date(t0 + LAST_USED_WRITE_INTERVAL_MS)],
    ]);
  });

  it('does not make the caller wait, and a failed write is logged, not thrown', async () => {
    const { repository, tracker, lines } = setup();
    let fail: (error: Error) => void = () => undefined;
    repository.touchLastUsed.mockReturnValue(new Promise((_, reject) => (fail = reject)));
    expect(tracker.touch('a', 1)).toBeUndefined();
    fail(new Error('database is down'));
    await tracker.beforeApplicationShutdown();
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0])).toMatchObject({ level: 'warn', msg: 'could not record API key use', apiKeyId: 'a', error: 'database is down' });
  });

  it('waits for in-flight writes at shutdown', async () => {
    const { repository, tracker } = setup();
    let finish: () => void = () => undefined;
    repository.touchLastUsed.mockReturnValue(new Promise<void>((resolve) => (finish = resolve)));
    tracker.touch('a', 1);
    let done = false;
    const shutdown = tracker.beforeApplicationShutdown().then(() => (done = true));
    await Promise.resolve();
    expect(done).toBe(false);
    finish();
    await shutdown;
    expect(done).toBe(true);
  });
});
