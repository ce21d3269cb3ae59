import fc from 'fast-check';

const BASE64URL = /^[A-Za-z0-9_-]+$/;
const randomPart = (min: number, max: number) =>
  fc.string({ unit: fc.constantFrom(...'ABCXYZabcxyz0189_-'), minLength: min, maxLength: max });
const validRandom = randomPart(32, 32);
/** Characters a base64url key never contains: padding, the other alphabet, separators, unicode, controls. */
const foreignChar = fc.constantFrom('+', '/', '=', '.', ' ', '!', '%', '\t', '\u0000', 'é', 'ß', '€', 'К', '漢', '😀', '\u200b');

/**
 * `Authorization` values that are never a valid key for a server with this prefix and environment,
 * by construction: each branch breaks one rule of the contract's format. Shared by the strategy's
 * unit test and the e2e test.
 */
export function malformedAuthorization(prefix = 'tke', environment: 'live' | 'test' = 'live'): fc.Arbitrary<string> {
  const otherEnvironment = environment === 'live' ? 'test' : 'live';
  const key = validRandom.map((r) => `${prefix}_${environment}_${r}`);
  const bearer = (token: fc.Arbitrary<string>) => token.map((t) => `Bearer ${t}`);

  return fc.oneof(
    // wrong product prefix (including the right one in upper case)
    bearer(
      fc
        .tuple(fc.oneof(fc.stringMatching(/^[a-z0-9]{1,10}$/), fc.constant(prefix.toUpperCase())), validRandom)
        .filter(([p]) => p !== prefix)
        .map(([p, r]) => `${p}_${environment}_${r}`),
    ),
    // wrong environment
    bearer(
      fc
        .tuple(fc.constantFrom(otherEnvironment, 'prod', 'dev', 'LIVE', 'Test', ''), validRandom)
        .filter(([e]) => e !== environment)
        .map(([e, r]) => `${prefix}_${e}_${r}`),
    ),
    // too short, too long
    bearer(randomPart(0, 31).map((r) => `${prefix}_${environment}_${r}`)),
    bearer(randomPart(33, 80).map((r) => `${prefix}_${environment}_${r}`)),
    // a character outside base64url somewhere in the random part
    bearer(
      fc
        .tuple(randomPart(31, 31), foreignChar, fc.nat(31))
        .map(([r, c, at]) => `${prefix}_${environment}_${r.slice(0, at)}${c}${r.slice(at)}`),
    ),
    // other separators
    bearer(validRandom.map((r) => `${prefix}-${environment}-${r}`)),
    bearer(validRandom.map((r) => `${prefix}__${environment}_${r}`)),
    // unicode and arbitrary junk after the scheme
    bearer(fc.string({ unit: 'grapheme', maxLength: 60 })),
    bearer(fc.string({ unit: 'binary', maxLength: 60 })),
    // extra or odd whitespace around the scheme and the token
    fc.tuple(key, fc.constantFrom('  ', '   ', '\t', ' \t')).map(([k, ws]) => `Bearer${ws}${k}`),
    fc.tuple(key, fc.constantFrom(' ', '  ', '\t')).map(([k, ws]) => `${ws}Bearer ${k}`),
    fc.tuple(key, fc.constantFrom(' ', '  ', '\t')).map(([k, ws]) => `Bearer ${k}${ws}`),
    fc.tuple(key, fc.constantFrom(' ', '  ', '\t')).map(([k, ws]) => `Bearer ${ws}${k}`),
    // two tokens
    fc.tuple(key, key, fc.constantFrom(' ', ',', ', ', ', Bearer ')).map(([a, b, sep]) => `Bearer ${a}${sep}${b}`),
    // empty, scheme only, no scheme, another scheme, scheme glued to the key
    fc.constantFrom('', ' ', 'Bearer', 'Bearer ', 'bearer  ', 'BEARER\t'),
    key,
    fc.tuple(fc.constantFrom('Basic', 'Token', 'ApiKey', 'Bearerr', 'Bear', 'Digest'), key).map(([s, k]) => `${s} ${k}`),
    fc.base64String({ minLength: 4, maxLength: 40 }).map((b) => `Basic ${b}`),
    key.map((k) => `Bearer${k}`),
    // anything at all that is not exactly "Bearer <key>"
    fc.string({ unit: 'grapheme', maxLength: 80 }),
  ).filter((value) => !isWellFormed(value, prefix, environment));
}

/** The contract's rule, written independently of the implementation, as a safety net for the generators. */
function isWellFormed(value: string, prefix: string, environment: string): boolean {
  const [scheme, token, ...rest] = value.split(' ');
  if (rest.length > 0 || scheme.toLowerCase() !== 'bearer' || token === undefined) return false;
  const head = `${prefix}_${environment}_`;
  const random = token.slice(head.length);
  return token.startsWith(head) && random.length === 32 && BASE64URL.test(random);
}
