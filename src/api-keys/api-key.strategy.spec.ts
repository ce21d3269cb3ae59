import type { Request } from 'express';
import fc from 'fast-check';
import { malformedAuthorization } from '../../test/support/malformed-authorization';
import { JsonLogger } from '../common/logging/json-logger';
import type { AppConfig } from '../config/app-config';
import { generateApiKey, hashApiKey } from './api-key-format';
import { ApiKeyStrategy } from './api-key.strategy';
import type { ApiKeyCredential, ApiKeysRepository } from './api-keys.repository';
import type { LastUsedTracker } from './last-used-tracker';
import { VerifiedKeyCache } from './verified-key-cache';

const USER_ID = '0b7f4a8e-2b0e-4c55-9f3a-7f1d2d6c9a10';
const KEY_ID = '6f1c2a9e-3b4d-4e5f-8a7b-9c0d1e2f3a4b';

function setup(prefix = 'tke', environment: 'live' | 'test' = 'live') {
  const repository = { findCredential: jest.fn(), markExpired: jest.fn().mockResolvedValue(true) };
  const tracker = { touch: jest.fn() };
  const lines: string[] = [];
  const config = { apiKeys: { prefix, environment } } as AppConfig;
  const strategy = new ApiKeyStrategy(
    repository as unknown as ApiKeysRepository,
    tracker as unknown as LastUsedTracker,
    new VerifiedKeyCache(),
    new JsonLogger('debug', (l) => lines.push(l)),
    config,
  );
  const authenticate = (authorization?: string) =>
    strategy.authenticate({ headers: authorization === undefined ? {} : { authorization } } as Request);
  return { repository, tracker, lines, authenticate };
}

const credential = (overrides: Partial<ApiKeyCredential> = {}): ApiKeyCredential => ({
  id: KEY_ID,
  userId: USER_ID,
  status: 'active',
  expiresAt: null,
  role: 'member',
  ownerBanned: false,
  ...overrides,
});

describe('ApiKeyStrategy', () => {
  it('is absent without an Authorization header, so other strategies (or a 401) decide', async () => {
    const { authenticate, repository } = setup();
    await expect(authenticate()).resolves.toEqual({ kind: 'absent' });
    expect(repository.findCredential).not.toHaveBeenCalled();
  });

  it('rejects 2,000 malformed values, other prefixes and the other environment without asking the database', async () => {
    const { authenticate, repository } = setup();
    await fc.assert(
      fc.asyncProperty(malformedAuthorization('tke', 'live'), async (value) => {
        expect(await authenticate(value)).toEqual({ kind: 'rejected', message: 'Invalid API key' });
      }),
      { numRuns: 2000 },
    );
    expect(repository.findCredential).not.toHaveBeenCalled();
  });

  it('looks a well-formed key up by the SHA-256 of the whole key; unknown keys are invalid', async () => {
    const { authenticate, repository } = setup();
    const { key } = generateApiKey('tke', 'live');
    repository.findCredential.mockResolvedValue(undefined);
    await expect(authenticate(`bearer ${key}`)).resolves.toEqual({ kind: 'rejected', message: 'Invalid API key' });
    expect(repository.findCredential).toHaveBeenCalledTimes(1);
    expect((repository.findCredential.mock.calls[0][0] as Buffer).equals(hashApiKey(key))).toBe(true);
  });

  it("yields the owner's principal for an active key and records the use", async () => {
    const { authenticate, repository, tracker } = setup();
    repository.findCredential.mockResolvedValue(credential({ role: 'admin', expiresAt: new Date(Date.now() + 60_000) }));
    const result = await authenticate(`Bearer ${generateApiKey('tke', 'live').key}`);
    expect(result).toEqual({
      kind: 'authenticated',
      principal: { userId: USER_ID, role: 'admin', method: 'api_key', apiKeyId: KEY_ID },
    });
    expect(tracker.touch).toHaveBeenCalledWith(KEY_ID, expect.any(Number));
  });

  it('honours a custom prefix and environment', async () => {
    const { authenticate, repository } = setup('acme', 'test');
    repository.findCredential.mockResolvedValue(credential());
    await expect(authenticate(`Bearer ${generateApiKey('acme', 'test').key}`)).resolves.toMatchObject({ kind: 'authenticated' });
    await expect(authenticate(`Bearer ${generateApiKey('tke', 'test').key}`)).resolves.toMatchObject({ kind: 'rejected' });
    await expect(authenticate(`Bearer ${generateApiKey('acme', 'live').key}`)).resolves.toMatchObject({ kind: 'rejected' });
    expect(repository.findCredential).toHaveBeenCalledTimes(1);
  });

  it('refuses revoked keys, even past their expiry, without writing', async () => {
    const { authenticate, repository, tracker } = setup();
    repository.findCredential.mockResolvedValue(credential({ status: 'revoked', expiresAt: new Date(Date.now() - 1000) }));
    await expect(authenticate(`Bearer ${generateApiKey('tke', 'live').key}`)).resolves.toEqual({
      kind: 'rejected',
      message: 'API key has been revoked',
    });
    expect(repository.markExpired).not.toHaveBeenCalled();
    expect(tracker.touch).not.toHaveBeenCalled();
  });

  it('flips an active key past its expiry and logs the flip only when this call made it', async () => {
    const { authenticate, repository, lines } = setup();
    repository.findCredential.mockResolvedValue(credential({ expiresAt: new Date(Date.now() - 1) }));
    const header = `Bearer ${generateApiKey('tke', 'live').key}`;
    await expect(authenticate(header)).resolves.toEqual({ kind: 'rejected', message: 'API key has expired' });
    repository.markExpired.mockResolvedValue(false);
    await expect(authenticate(header)).resolves.toEqual({ kind: 'rejected', message: 'API key has expired' });
    expect(repository.markExpired).toHaveBeenCalledTimes(2);
    expect(repository.markExpired).toHaveBeenCalledWith(KEY_ID);
    expect(lines.filter((l) => l.includes('"API key expired"'))).toHaveLength(1);
  });

  it('does not write again for a key already stored as expired', async () => {
    const { authenticate, repository } = setup();
    repository.findCredential.mockResolvedValue(credential({ status: 'expired', expiresAt: new Date(Date.now() - 1000) }));
    await expect(authenticate(`Bearer ${generateApiKey('tke', 'live').key}`)).resolves.toEqual({
      kind: 'rejected',
      message: 'API key has expired',
    });
    expect(repository.markExpired).not.toHaveBeenCalled();
  });

  it('still answers "expired" when the flip cannot be written, and logs why', async () => {
    const { authenticate, repository, lines } = setup();
    repository.findCredential.mockResolvedValue(credential({ expiresAt: new Date(Date.now() - 1) }));
    repository.markExpired.mockRejectedValue(new Error('connection reset'));
    await expect(authenticate(`Bearer ${generateApiKey('tke', 'live').key}`)).resolves.toEqual({
      kind: 'rejected',
      message: 'API key has expired',
    });
    expect(lines.some((l) => l.includes('could not mark API key expired') && l.includes('connection reset'))).toBe(true);
  });

  it("refuses a banned owner's keys", async () => {
    const { authenticate, repository, tracker } = setup();
    repository.findCredential.mockResolvedValue(credential({ ownerBanned: true }));
    await expect(authenticate(`Bearer ${generateApiKey('tke', 'live').key}`)).resolves.toEqual({
      kind: 'rejected',
      message: "The API key's owner is banned",
    });
    expect(tracker.touch).not.toHaveBeenCalled();
  });

  it('lets database errors propagate (the filter answers 503), never a false "invalid"', async () => {
    const { authenticate, repository } = setup();
    repository.findCredential.mockRejectedValue(Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }));
    await expect(authenticate(`Bearer ${generateApiKey('tke', 'live').key}`)).rejects.toThrow('ECONNREFUSED');
  });
});
