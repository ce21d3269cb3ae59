import { randomUUID } from 'node:crypto';
import type { TestApp } from './test-app';
import { TRUSTED_ORIGIN } from './test-app';

export interface SignedInUser {
  id: string;
  email: string;
  name: string;
  password: string;
  /** The `Cookie` header value that carries the session. */
  cookie: string;
}

export function uniqueEmail(label = 'user'): string {
  return `${label}-${randomUUID().slice(0, 8)}@example.com`;
}

/** Extracts `name=value` pairs from Set-Cookie headers into a Cookie header value. */
export function cookieHeader(setCookie: string[] | string | undefined): string {
  const list = Array.isArray(setCookie) ? setCookie : setCookie ? [setCookie] : [];
  return list.map((c) => c.split(';', 1)[0]).join('; ');
}

/** Signs up through better-auth's real HTTP route and returns the session cookie. */
export async function signUp(t: TestApp, label = 'user', password = 'correct-horse-battery'): Promise<SignedInUser> {
  const email = uniqueEmail(label);
  const name = `${label} ${email.slice(label.length + 1, label.length + 5)}`;
  const res = await t.http().post('/api/auth/sign-up/email').set('Origin', TRUSTED_ORIGIN).send({ email, password, name });
  if (res.status !== 200) throw new Error(`sign-up failed: ${res.status} ${JSON.stringify(res.body)}`);
  return { id: res.body.user.id, email, name, password, cookie: cookieHeader(res.headers['set-cookie']) };
}
