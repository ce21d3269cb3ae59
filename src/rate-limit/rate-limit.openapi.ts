import type { OpenAPIObject } from '@nestjs/swagger';
import type { AppConfig } from '../config/app-config';
import { isCountedRoute } from './counted-route';
import { RATE_LIMIT_HEADERS } from './rate-limit-headers';

const OPERATIONS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;
const integer = { type: 'integer', minimum: 0 } as const;

/**
 * Documents the rate limit on every operation under `/api/v1`: the budget headers on each response
 * and a shared 429 response. Health and docs routes are left alone, as the limit leaves them alone.
 */
export function documentRateLimit(document: OpenAPIObject, config: AppConfig): OpenAPIObject {
  const { max, windowSeconds } = config.rateLimit;
  const components = (document.components ??= {});
  components.headers = {
    ...components.headers,
    [RATE_LIMIT_HEADERS.limit]: { description: `Requests allowed per window (RATE_LIMIT_MAX, here ${max}).`, schema: integer },
    [RATE_LIMIT_HEADERS.remaining]: { description: 'Requests left in the current window for this principal (or client address).', schema: integer },
    [RATE_LIMIT_HEADERS.reset]: { description: `Seconds until the current window (${windowSeconds} s) ends.`, schema: integer },
    [RATE_LIMIT_HEADERS.retryAfter]: { description: 'Seconds to wait before retrying (429 only); add random jitter.', schema: integer },
  };
  const budgetHeaders = Object.fromEntries(
    [RATE_LIMIT_HEADERS.limit, RATE_LIMIT_HEADERS.remaining, RATE_LIMIT_HEADERS.reset].map((h) => [h, { $ref: `#/components/headers/${h}` }]),
  );
  components.responses = {
    ...components.responses,
    TooManyRequests: {
      description:
        `Over the rate limit: ${max} requests per ${windowSeconds} s per user, shared by sessions and API keys ` +
        '(per client address without a valid credential). Wait `Retry-After` seconds, then retry with jitter.',
      headers: { ...budgetHeaders, [RATE_LIMIT_HEADERS.retryAfter]: { $ref: `#/components/headers/${RATE_LIMIT_HEADERS.retryAfter}` } },
      content: {
        'application/problem+json': {
          example: {
            type: 'about:blank',
            title: 'Too Many Requests',
            status: 429,
            detail: `Rate limit exceeded: ${max} requests per ${windowSeconds} s. Retry after 17 s.`,
          },
        },
      },
    },
  };
  for (const [path, item] of Object.entries(document.paths)) {
    if (!isCountedRoute(path)) continue;
    for (const method of OPERATIONS) {
      const responses = item[method]?.responses;
      if (!responses) continue;
      for (const response of Object.values(responses)) {
        if (response && 'description' in response) response.headers = { ...response.headers, ...budgetHeaders };
      }
      responses['429'] = { $ref: '#/components/responses/TooManyRequests' };
    }
  }
  return document;
}
