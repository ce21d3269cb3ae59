import type { Request } from 'express';
import { JsonLogger } from '../common/logging/json-logger';
import type { AppConfig } from '../config/app-config';
import { generateApiKey, hashApiKey } from './api-key-format';
import { ApiKeyStrategy } from './api-key.strategy';
import type { ApiKeyCredential, ApiKeysRepository } from './api-keys.repository';
import type { LastUsedTracker } from './last-used-tracker';
import { VERIFIED_KEY_TTL_MS, VerifiedKeyCache } from './verified-key-cache';

const credential = (overrides: Partial<ApiKeyCredential> = {}): ApiKeyCredential => ({
  id: '6f1c2a9e-3b4d-4e5f-8a7b-9c0d1e2f3a4b',
  userId: '0b7f4a8e-2b0e-4c55-9f3a-7f1d2d6c9a10',
  status: 'active',
  expiresAt: null,
  role: 'member',
  ownerBanned: false,
  ...overrides,
});

describe('VerifiedKeyCache', () => {
  const hash = hashApiKey(generateApiKey('tke', 'live').key);

  it('keeps an entry for one TTL from the start of its lookup, not from its end', () => {
    const cache = new VerifiedKeyCache();
    cache.remember(hash, credential(), 1000, 1400);
    expect(cache.get(hash, 1999)).toEqual(credential());
    expect(cache.get(hash, 1000 + VERIFIED_KEY_TTL_MS)).toBeUndefined();
    // A lookup that took longer than the TTL is not remembered at all.
    cache.remember(hash, credential(), 1000, 1000 + VERIFIED_KEY_TTL_MS);
    expect(cache.get(hash, 2001)).toBeUndefined();
  });

  it('forgets a key at once, and ignores a lookup that started before the key was forgotten', () => {
    const cache = new VerifiedKeyCache();
    cache.remember(hash, credential(), 1000, 1010);
    cache.forget(credential().id, 1100);
    expect(cache.get(hash, 1101)).toBeUndefined();
    // In flight while the key was revoked: read before the revocation committed, so not remembered.
    cache.remember(hash, credential(), 1050, 1150);
    expect(cache.get(hash, 1151)).toBeUndefined();
    // Started after: remembered again (it would have read the revoked row, which the strategy refuses).
    cache.remember(hash, credential(), 1101, 1150);
    expect(cache.get(hash, 1151)).toBeDefined();
  });

  it('holds at most 10,000 entries', () => {
    const cache = new VerifiedKeyCache();
    for (let i = 0; i < 10_050; i++) cache.remember(hashApiKey(`key ${i}`), credential({ id: String(i) }), 5000, 5000);
    expect(cache.size).toBe(10_000);
    // The oldest went first.
    expect(cache.get(hashApiKey('key 0'), 5001)).toBeUndefined();
    expect(cache.get(hashApiKey('key 10049'), 5001)).toBeDefined();
  });
});

describe('ApiKeyStrategy with the cache', () => {
  let clock = 0;
  const setup = () => {
    const repository = { findCredential: jest.fn(), markExpired: jest.fn().mockResolvedValue(true) };
    const cache = new VerifiedKeyCache();
    jest.spyOn(cache, 'now').mockImplementation(() => clock);
    const strategy = new ApiKeyStrategy(
      repository as unknown as ApiKeysRepository,
      { touch: jest.fn() } as unknown as LastUsedTracker,
      cache,
      new JsonLogger('silent'),
      { apiKeys: { prefix: 'tke', environment: 'live' } } as AppConfig,
    );
    const header = `Bearer ${generateApiKey('tke', 'live').key}`;
    const authenticate = () => strategy.authenticate({ headers: { authorization: header } } as Request);
    return { repository, cache, authenticate };
  };

  it('looks a key up once per second while it is used, and again at once after a revocation here', async () => {
    const { repository, cache, authenticate } = setup();
    repository.findCredential.mockResolvedValue(credential());
    clock = 10_000;
    for (let i = 0; i < 5; i++) await expect(authenticate()).resolves.toMatchObject({ kind: 'authenticated' });
    expect(repository.findCredential).toHaveBeenCalledTimes(1);
    clock += VERIFIED_KEY_TTL_MS;
    await authenticate();
    expect(repository.findCredential).toHaveBeenCalledTimes(2);

    repository.findCredential.mockResolvedValue(credential({ status: 'revoked' }));
    cache.forget(credential().id, clock);
    await expect(authenticate()).resolves.toEqual({ kind: 'rejected', message: 'API key has been revoked' });
    // Refusals are never remembered: each later request asks the database.
    await authenticate();
    expect(repository.findCredential).toHaveBeenCalledTimes(4);
  });

  it('refuses a remembered key once it expires, flips it and forgets it', async () => {
    const { repository, authenticate } = setup();
    const expiresAt = new Date(Date.now() + 200);
    repository.findCredential.mockResolvedValue(credential({ expiresAt }));
    clock = 20_000;
    await expect(authenticate()).resolves.toMatchObject({ kind: 'authenticated' });
    await new Promise((resolve) => setTimeout(resolve, 250));
    await expect(authenticate()).resolves.toEqual({ kind: 'rejected', message: 'API key has expired' });
    expect(repository.markExpired).toHaveBeenCalledTimes(1);
    await authenticate();
    expect(repository.findCredential).toHaveBeenCalledTimes(2);
  });
});
