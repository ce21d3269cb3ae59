import { apiKeyCaller, Caller, sessionCaller } from './callers';
import { apiKeyFor } from './rate-limit';
import { resetDatabase, startTestApp, TestApp } from './test-app';
import { signUp, SignedInUser } from './users';

export interface DomainApp {
  t: TestApp;
  /** The first user after the reset, so the admin. */
  admin: SignedInUser;
  alice: SignedInUser;
  bob: SignedInUser;
  asAdmin: Caller;
  asAlice: Caller;
  asBob: Caller;
  /** Alice through each way of authenticating, for tests that must pass with both. */
  callers: Record<'session' | 'api_key', Caller>;
}

/** A blank instance with an admin and two members, for the domain suites (tours, events). */
export async function startDomainApp(): Promise<DomainApp> {
  await resetDatabase();
  // A generous budget: these suites are about the domain rules, not the rate limit.
  const t = await startTestApp({ env: { RATE_LIMIT_MAX: '100000' } });
  const admin = await signUp(t, 'admin');
  const alice = await signUp(t, 'alice');
  const bob = await signUp(t, 'bob');
  const asAlice = sessionCaller(alice);
  return {
    t,
    admin,
    alice,
    bob,
    asAdmin: sessionCaller(admin),
    asAlice,
    asBob: sessionCaller(bob),
    callers: { session: asAlice, api_key: apiKeyCaller(await apiKeyFor(t, alice)) },
  };
}
