import { createHash, randomBytes } from 'node:crypto';
import type { ApiKeyEnvironment } from '../config/app-config';

/** 24 random bytes are 32 base64url characters without padding (192 bits of entropy). */
const RANDOM_BYTES = 24;
const RANDOM_CHARS = 32;

/** Length of the stored, displayable start of a key (e.g. `tke_live_aB3`). */
export const DISPLAY_PREFIX_LENGTH = 12;

export interface GeneratedApiKey {
  /** The plaintext: returned once in the create response, never stored or logged. */
  readonly key: string;
  readonly prefix: string;
  readonly hash: Buffer;
}

/** `<prefix>_<environment>_<32 base64url chars>`, from a CSPRNG. */
export function generateApiKey(prefix: string, environment: ApiKeyEnvironment): GeneratedApiKey {
  const key = `${prefix}_${environment}_${randomBytes(RANDOM_BYTES).toString('base64url')}`;
  return { key, prefix: key.slice(0, DISPLAY_PREFIX_LENGTH), hash: hashApiKey(key) };
}

/**
 * SHA-256 of the whole key. Keys carry 192 random bits, so a fast unsalted hash is enough: it
 * cannot be brute-forced, and it lets the database find a key by an indexed equality lookup.
 */
export function hashApiKey(key: string): Buffer {
  return createHash('sha256').update(key).digest();
}

/**
 * The only Authorization values accepted for this server: scheme `Bearer` in any case, one space,
 * then a key with the configured prefix and environment. Anything else (other environment, extra
 * spaces, a second token) fails here, before the database is asked. `prefix` is validated by the
 * configuration as `[a-z0-9]{2,8}`, so it needs no escaping. Built once: this runs on every request.
 */
export function bearerKeyPattern(prefix: string, environment: ApiKeyEnvironment): RegExp {
  return new RegExp(`^[Bb][Ee][Aa][Rr][Ee][Rr] (${prefix}_${environment}_[A-Za-z0-9_-]{${RANDOM_CHARS}})$`);
}
