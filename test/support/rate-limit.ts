import type { Response } from 'supertest';
import { TestApp, TRUSTED_ORIGIN } from './test-app';
import type { SignedInUser } from './users';

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

interface Budget {
  limit: number;
  /** Window length in seconds: the bound of X-RateLimit-Reset and Retry-After. */
  window: number;
}

/** A counted, allowed response: the three budget headers with the expected values. */
export function expectCounted(res: Response, { limit, remaining, window }: Budget & { remaining: number }): void {
  expect(res.headers['x-ratelimit-limit']).toBe(String(limit));
  expect(res.headers['x-ratelimit-remaining']).toBe(String(remaining));
  expectSeconds(res.headers['x-ratelimit-reset'], window);
}

/** A 429: problem+json saying what to do, with all four headers. */
export function expectThrottled(res: Response, { limit, window }: Budget): void {
  expect(res.status).toBe(429);
  expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  const retryAfter = res.headers['retry-after'];
  expect(JSON.parse(res.text)).toEqual({
    type: 'about:blank',
    title: 'Too Many Requests',
    status: 429,
    detail: `Rate limit exceeded: ${limit} requests per ${window} s. Retry after ${retryAfter} s.`,
  });
  expect(res.headers['x-ratelimit-limit']).toBe(String(limit));
  expect(res.headers['x-ratelimit-remaining']).toBe('0');
  expectSeconds(res.headers['x-ratelimit-reset'], window);
  expectSeconds(retryAfter, window);
  expect(retryAfter).toBe(res.headers['x-ratelimit-reset']);
}

function expectSeconds(value: string | undefined, max: number): void {
  expect(value).toMatch(/^\d+$/);
  expect(Number(value)).toBeGreaterThanOrEqual(1);
  expect(Number(value)).toBeLessThanOrEqual(max);
}

/** Creates an API key with the user's session (one counted request) and returns the key. */
export async function apiKeyFor(t: TestApp, user: SignedInUser): Promise<string> {
  const res = await t.http().post('/api/v1/api-keys').set('Cookie', user.cookie).set('Origin', TRUSTED_ORIGIN).send({ name: 'rate-limit test' });
  if (res.status !== 201) throw new Error(`creating an API key failed: ${res.status} ${res.text}`);
  return res.body.key as string;
}
