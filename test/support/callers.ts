import type { Test } from 'supertest';
import type { TestApp } from './test-app';
import { TRUSTED_ORIGIN } from './test-app';
import type { SignedInUser } from './users';

/**
 * How a test authenticates a request: a session cookie (with the trusted Origin that unsafe
 * methods need) or an API key. Lets one test body run through both.
 */
export interface Caller {
  authorize(req: Test): Test;
}

export function sessionCaller(user: SignedInUser): Caller {
  return { authorize: (req) => req.set('Cookie', user.cookie).set('Origin', TRUSTED_ORIGIN) };
}

export function apiKeyCaller(key: string): Caller {
  return { authorize: (req) => req.set('Authorization', `Bearer ${key}`) };
}

/** `t.http().<verb>(path)` already authorized as `caller`. */
export function api(t: TestApp, caller: Caller) {
  const http = t.http();
  return {
    get: (path: string) => caller.authorize(http.get(path)),
    post: (path: string) => caller.authorize(http.post(path)),
    patch: (path: string) => caller.authorize(http.patch(path)),
    delete: (path: string) => caller.authorize(http.delete(path)),
  };
}
