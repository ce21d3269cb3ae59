/** The shared counter store cannot be reached; the guard then serves the request uncounted. */
export class RateLimitStoreUnavailableError extends Error {
  constructor(cause: unknown) {
    super('The rate-limit store is unreachable', { cause });
    this.name = 'RateLimitStoreUnavailableError';
  }
}
