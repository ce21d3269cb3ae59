import { createHash } from 'node:crypto';
import { bearerKeyPattern, generateApiKey, hashApiKey } from './api-key-format';

const CONTRACT_FORMAT = /^tke_(live|test)_[A-Za-z0-9_-]{32}$/;

describe('API key format', () => {
  it('generates 1,000 distinct keys in the contract format, for both environments', () => {
    const keys = Array.from({ length: 1000 }, (_, i) => generateApiKey('tke', i % 2 ? 'live' : 'test').key);
    for (const key of keys) expect(key).toMatch(CONTRACT_FORMAT);
    expect(new Set(keys).size).toBe(1000);
    expect(keys.filter((k) => k.startsWith('tke_test_'))).toHaveLength(500);
  });

  it('honours a custom prefix', () => {
    const { key, prefix } = generateApiKey('acme42', 'live');
    expect(key).toMatch(/^acme42_live_[A-Za-z0-9_-]{32}$/);
    expect(prefix).toBe(key.slice(0, 12));
  });

  it('keeps the first 12 characters and the SHA-256 of the whole key, nothing else of it', () => {
    const generated = generateApiKey('tke', 'live');
    expect(Object.keys(generated).sort()).toEqual(['hash', 'key', 'prefix']);
    expect(generated.prefix).toBe(generated.key.slice(0, 12));
    expect(generated.hash.equals(createHash('sha256').update(generated.key).digest())).toBe(true);
    expect(hashApiKey(generated.key).equals(generated.hash)).toBe(true);
    expect(hashApiKey(`${generated.key.slice(0, -1)}x`).equals(generated.hash)).toBe(false);
  });

  describe('bearerKeyPattern', () => {
    const live = bearerKeyPattern('tke', 'live');
    const key = 'tke_live_' + 'aZ09_-'.repeat(5) + 'xy';

    it('accepts the scheme in any case and captures the key', () => {
      for (const scheme of ['Bearer', 'bearer', 'BEARER', 'bEaReR']) expect(live.exec(`${scheme} ${key}`)?.[1]).toBe(key);
    });

    it('refuses the other environment, another prefix, and any deviation in spacing or length', () => {
      for (const value of [
        `Bearer ${key.replace('_live_', '_test_')}`,
        `Bearer ${key.replace('tke_', 'abc_')}`,
        `Bearer ${key.toUpperCase()}`,
        `Bearer  ${key}`,
        ` Bearer ${key}`,
        `Bearer ${key} `,
        `Bearer ${key}x`,
        `Bearer ${key.slice(0, -1)}`,
        `Bearer ${key} ${key}`,
        `Bearer\n${key}`,
        `${key}`,
      ]) {
        expect(live.test(value)).toBe(false);
      }
      expect(bearerKeyPattern('tke', 'test').test(`Bearer ${key}`)).toBe(false);
      expect(bearerKeyPattern('acme', 'live').test(`Bearer ${key.replace('tke_', 'acme_')}`)).toBe(true);
    });
  });
});
