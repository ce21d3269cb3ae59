import { setTimeout as sleep } from 'node:timers/promises';
import { ApiKeysRepository } from '../src/api-keys/api-keys.repository';
import { VERIFIED_KEY_TTL_MS } from '../src/api-keys/verified-key-cache';
import { expectProblem } from './support/problem';
import { resetDatabase, startTestApp, TestApp, TRUSTED_ORIGIN } from './support/test-app';
import { signUp } from './support/users';

/**
 * Each instance remembers keys it verified for one second (VerifiedKeyCache). Revocation is the
 * case that matters: refused at once by the instance that revoked the key, and by every other
 * instance within one second. Two app instances share the database here, as two servers would.
 */
describe('API keys: verified keys are remembered for one second per instance', () => {
  let a: TestApp;
  let b: TestApp;

  beforeAll(async () => {
    await resetDatabase();
    a = await startTestApp();
    b = await startTestApp();
  });

  afterAll(() => Promise.all([a.close(), b.close()]));

  it('asks the database once per second for a key in use, and a revocation is seen at once here and within one second elsewhere', async () => {
    const user = await signUp(a, 'cache');
    const created = await a.http().post('/api/v1/api-keys').set('Cookie', user.cookie).set('Origin', TRUSTED_ORIGIN).send({ name: 'cached' });
    expect(created.status).toBe(201);
    const { id, key } = created.body as { id: string; key: string };
    const me = (t: TestApp) => t.http().get('/api/v1/me').set('Authorization', `Bearer ${key}`);

    const lookups = jest.spyOn(b.app.get(ApiKeysRepository), 'findCredential');
    const started = Date.now();
    for (let i = 0; i < 10; i++) expect((await me(b)).status).toBe(200);
    expect(lookups.mock.calls.length).toBeLessThanOrEqual(1 + Math.floor((Date.now() - started) / VERIFIED_KEY_TTL_MS));
    expect((await me(a)).status).toBe(200);

    const revoked = await a.http().post(`/api/v1/api-keys/${id}/revoke`).set('Cookie', user.cookie).set('Origin', TRUSTED_ORIGIN);
    expect(revoked.status).toBe(200);
    const revokedAt = Date.now();
    // The revoking instance had the key in its cache, and refuses it from the very next request.
    expect(expectProblem(await me(a), 401).detail).toBe('API key has been revoked');
    // Another instance may answer from its cache until one second after the revocation, not later.
    await sleep(Math.max(0, revokedAt + VERIFIED_KEY_TTL_MS - Date.now()));
    expect(expectProblem(await me(b), 401).detail).toBe('API key has been revoked');
  });
});
