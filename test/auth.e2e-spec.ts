import { getMigrations } from 'better-auth/db/migration';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createUser } from '../src/cli/create-user.command';
import { loadConfig } from '../src/config/load-config';
import { BETTER_AUTH, BetterAuthInstance } from '../src/auth/better-auth.factory';
import { ProbeModule } from './support/probe.module';
import { resetDatabase, startTestApp, TestApp, testDatabaseUrl, TRUSTED_ORIGIN, withDb } from './support/test-app';
import { cookieHeader, signUp, uniqueEmail } from './support/users';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function sessionCookie(setCookie: string[] | string | undefined): string {
  const list = Array.isArray(setCookie) ? setCookie : [setCookie ?? ''];
  const cookie = list.find((c) => /session_token=/.test(c));
  if (!cookie) throw new Error(`no session cookie in ${JSON.stringify(list)}`);
  return cookie;
}

describe('auth: sessions, roles and the composite guard', () => {
  let t: TestApp;

  beforeAll(async () => {
    await resetDatabase();
    t = await startTestApp({ imports: [ProbeModule] });
  });
  afterAll(() => t.close());

  it('better-auth finds nothing to create or add after our migrations (no schema drift)', async () => {
    const auth = t.app.get<BetterAuthInstance>(BETTER_AUTH);
    const { toBeCreated, toBeAdded } = await getMigrations(auth.options);
    expect(toBeCreated).toEqual([]);
    expect(toBeAdded).toEqual([]);
  });

  it('makes the first user admin and later users members; a role in the sign-up body is refused', async () => {
    const first = await signUp(t, 'first');
    const second = await signUp(t, 'second');
    const me1 = await t.http().get('/api/v1/me').set('Cookie', first.cookie).expect(200);
    expect(me1.body).toEqual({ userId: first.id, email: first.email, name: first.name, role: 'admin', method: 'session', apiKeyId: null });
    const me2 = await t.http().get('/api/v1/me').set('Cookie', second.cookie).expect(200);
    expect(me2.body.role).toBe('member');

    const email = uniqueEmail('sneaky');
    const sneaky = await t.http().post('/api/auth/sign-up/email').set('Origin', TRUSTED_ORIGIN)
      .send({ email, password: 'correct-horse-battery', name: 'Sneaky', role: 'admin' });
    expect(sneaky.status).toBe(400);
    const rows = await withDb((db) => db.query('SELECT role FROM users WHERE email = $1', [email]));
    expect(rows.rows).toEqual([]);
  });

  it('signs in, answers /me, signs out, and the old cookie is then refused', async () => {
    const user = await signUp(t, 'cycle');
    const signIn = await t.http().post('/api/auth/sign-in/email').set('Origin', TRUSTED_ORIGIN)
      .send({ email: user.email, password: user.password }).expect(200);
    const cookie = cookieHeader(signIn.headers['set-cookie']);
    await t.http().get('/api/v1/me').set('Cookie', cookie).expect(200);
    await t.http().post('/api/auth/sign-out').set('Origin', TRUSTED_ORIGIN).set('Cookie', cookie).expect(200);
    const after = await t.http().get('/api/v1/me').set('Cookie', cookie).expect(401);
    expect(after.headers['www-authenticate']).toBe('Bearer realm="api"');
    expect(after.body.detail).toBe('Session is invalid or has expired');
  });

  it('refuses a wrong password', async () => {
    const user = await signUp(t, 'wrongpw');
    const res = await t.http().post('/api/auth/sign-in/email').set('Origin', TRUSTED_ORIGIN)
      .send({ email: user.email, password: 'not-the-password' });
    expect(res.status).toBe(401);
    expect(res.headers['set-cookie']).toBeUndefined();
  });

  it('sets the session cookie HttpOnly, SameSite=Lax, not Secure over http, for SESSION_EXPIRES_IN_SECONDS', async () => {
    const res = await t.http().post('/api/auth/sign-up/email').set('Origin', TRUSTED_ORIGIN)
      .send({ email: uniqueEmail('cookie'), password: 'correct-horse-battery', name: 'Cookie' }).expect(200);
    const cookie = sessionCookie(res.headers['set-cookie']);
    expect(cookie).toMatch(/;\s*HttpOnly/i);
    expect(cookie).toMatch(/;\s*SameSite=Lax/i);
    expect(cookie).not.toMatch(/;\s*Secure/i);
    expect(cookie).toMatch(/;\s*Max-Age=604800/i);
  });

  it('denies by default: a route without @Public() needs a principal; @Public() opens one', async () => {
    const none = await t.http().get('/api/v1/probe').expect(401);
    expect(none.headers['www-authenticate']).toBe('Bearer realm="api"');
    expect(none.body).toMatchObject({ status: 401, detail: 'Authentication required' });
    await t.http().get('/api/v1/probe/public').expect(200, { ok: true });
    const user = await signUp(t, 'probe');
    const ok = await t.http().get('/api/v1/probe').set('Cookie', user.cookie).expect(200);
    expect(ok.body).toEqual({ userId: user.id, role: 'member', method: 'session' });
  });

  it('@Roles("admin") gives a member 403 and an admin 200', async () => {
    const member = await signUp(t, 'member');
    const denied = await t.http().get('/api/v1/probe/admin').set('Cookie', member.cookie).expect(403);
    expect(denied.headers['content-type']).toMatch(/problem\+json/);
    const admin = await withDb(async (db) => (await db.query(`SELECT email FROM users WHERE role = 'admin'`)).rows[0]);
    const signIn = await t.http().post('/api/auth/sign-in/email').set('Origin', TRUSTED_ORIGIN)
      .send({ email: admin.email, password: 'correct-horse-battery' }).expect(200);
    await t.http().get('/api/v1/probe/admin').set('Cookie', cookieHeader(signIn.headers['set-cookie'])).expect(200);
  });

  it('CSRF: a cookie POST needs a trusted Origin or Sec-Fetch-Site: same-origin', async () => {
    const user = await signUp(t, 'csrf');
    const evil = await t.http().post('/api/v1/probe').set('Cookie', user.cookie).set('Origin', 'https://evil.example').expect(403);
    expect(evil.body.detail).toMatch(/Origin/);
    await t.http().post('/api/v1/probe').set('Cookie', user.cookie).expect(403);
    await t.http().post('/api/v1/probe').set('Cookie', user.cookie).set('Sec-Fetch-Site', 'cross-site').expect(403);
    await t.http().post('/api/v1/probe').set('Cookie', user.cookie).set('Origin', TRUSTED_ORIGIN).expect(200);
    await t.http().post('/api/v1/probe').set('Cookie', user.cookie).set('Sec-Fetch-Site', 'same-origin').expect(200);
    // Safe methods are not subject to the origin rule.
    await t.http().get('/api/v1/probe').set('Cookie', user.cookie).set('Origin', 'https://evil.example').expect(200);
  });

  it('falls through to the Bearer strategy when the session is invalid, and a bad token gets invalid_token', async () => {
    const res = await t.http().get('/api/v1/me')
      .set('Cookie', 'better-auth.session_token=forged.value')
      .set('Authorization', 'Bearer tke_live_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA')
      .expect(401);
    expect(res.headers['www-authenticate']).toBe('Bearer realm="api", error="invalid_token"');
  });

  it('never writes a cookie value into a response body or a log line', async () => {
    const user = await signUp(t, 'nolog');
    const value = user.cookie.split('=').slice(1).join('=');
    const token = value.split('.')[0];
    const responses = [
      await t.http().get('/api/v1/me').set('Cookie', user.cookie),
      await t.http().post('/api/v1/probe').set('Cookie', user.cookie).set('Origin', 'https://evil.example'),
      await t.http().get('/api/v1/nope').set('Cookie', user.cookie),
    ];
    for (const r of responses) expect(r.text).not.toContain(token);
    expect(t.rawLogs()).not.toContain(token);
    expect(t.rawLogs()).toContain('"path":"/api/v1/me"');
  });

  it('an admin can still create users through better-auth admin API when sign-up is disabled', async () => {
    const closed = await startTestApp({ env: { SIGNUP_ENABLED: 'false' } });
    try {
      const refused = await closed.http().post('/api/auth/sign-up/email').set('Origin', TRUSTED_ORIGIN)
        .send({ email: uniqueEmail('closed'), password: 'correct-horse-battery', name: 'Closed' });
      expect(refused.status).toBe(400);
      expect(refused.body.code).toBe('EMAIL_PASSWORD_SIGN_UP_DISABLED');

      const admin = await withDb(async (db) => (await db.query(`SELECT email FROM users WHERE role = 'admin'`)).rows[0]);
      const signIn = await closed.http().post('/api/auth/sign-in/email').set('Origin', TRUSTED_ORIGIN)
        .send({ email: admin.email, password: 'correct-horse-battery' }).expect(200);
      const email = uniqueEmail('invited');
      await closed.http().post('/api/auth/admin/create-user').set('Origin', TRUSTED_ORIGIN)
        .set('Cookie', cookieHeader(signIn.headers['set-cookie']))
        .send({ email, password: 'correct-horse-battery', name: 'Invited', role: 'member' })
        .expect(200);
      await closed.http().post('/api/auth/sign-in/email').set('Origin', TRUSTED_ORIGIN)
        .send({ email, password: 'correct-horse-battery' }).expect(200);
    } finally {
      await closed.close();
    }
  });
});

describe('auth: first admin under concurrency', () => {
  it('two simultaneous first sign-ups give exactly one admin', async () => {
    await resetDatabase();
    const t = await startTestApp();
    try {
      const results = await Promise.all(
        [1, 2, 3, 4].map((i) => t.http().post('/api/auth/sign-up/email').set('Origin', TRUSTED_ORIGIN)
          .send({ email: uniqueEmail(`race${i}`), password: 'correct-horse-battery', name: `Race ${i}` })),
      );
      expect(results.map((r) => r.status)).toEqual([200, 200, 200, 200]);
      const roles = await withDb(async (db) => (await db.query(`SELECT role, count(*)::int AS n FROM users GROUP BY role ORDER BY role`)).rows);
      expect(roles).toEqual([{ role: 'admin', n: 1 }, { role: 'member', n: 3 }]);
    } finally {
      await t.close();
    }
  });
});

describe('auth: session lifetime and cookie security', () => {
  it('refuses a session after SESSION_EXPIRES_IN_SECONDS', async () => {
    const t = await startTestApp({ env: { SESSION_EXPIRES_IN_SECONDS: '2' } });
    try {
      const user = await signUp(t, 'short');
      await t.http().get('/api/v1/me').set('Cookie', user.cookie).expect(200);
      await sleep(2500);
      await t.http().get('/api/v1/me').set('Cookie', user.cookie).expect(401);
    } finally {
      await t.close();
    }
  });

  it('marks cookies Secure when BETTER_AUTH_URL is https', async () => {
    const t = await startTestApp({ env: { BETTER_AUTH_URL: 'https://tours.example.com' } });
    try {
      const res = await t.http().post('/api/auth/sign-up/email').set('Origin', 'https://tours.example.com')
        .send({ email: uniqueEmail('secure'), password: 'correct-horse-battery', name: 'Secure' }).expect(200);
      const cookie = sessionCookie(res.headers['set-cookie']);
      expect(cookie).toMatch(/^__Secure-/);
      expect(cookie).toMatch(/;\s*Secure/i);
      expect(cookie).toMatch(/;\s*HttpOnly/i);
    } finally {
      await t.close();
    }
  });
});

describe("auth: better-auth's own rate limiter sees the real client address", () => {
  it('a changing X-Forwarded-For does not give a fresh bucket unless TRUST_PROXY is set', async () => {
    const t = await startTestApp({ env: { NODE_ENV: 'production' } });
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 5; i++) {
        const res = await t.http().post('/api/auth/sign-in/email').set('Origin', TRUSTED_ORIGIN)
          .set('X-Forwarded-For', `203.0.113.${i + 1}`)
          .send({ email: 'nobody@example.com', password: 'wrong-password' });
        statuses.push(res.status);
      }
      expect(statuses.slice(0, 3)).toEqual([401, 401, 401]);
      expect(statuses.slice(3)).toEqual([429, 429]);
    } finally {
      await t.close();
    }
    const proxied = await startTestApp({ env: { NODE_ENV: 'production', TRUST_PROXY: 'true' } });
    try {
      for (let i = 0; i < 5; i++) {
        const res = await proxied.http().post('/api/auth/sign-in/email').set('Origin', TRUSTED_ORIGIN)
          .set('X-Forwarded-For', `198.51.100.${i + 1}`)
          .send({ email: 'nobody@example.com', password: 'wrong-password' });
        expect(res.status).toBe(401);
      }
    } finally {
      await proxied.close();
    }
  });
});

describe('auth: npm run user:create', () => {
  it('creates the first admin of a deployment with sign-up disabled, then a member', async () => {
    await resetDatabase();
    const config = loadConfig({ DATABASE_URL: testDatabaseUrl(), DATA_DIR: mkdtempSync(join(tmpdir(), 'tke-cli-')), SIGNUP_ENABLED: 'false' });
    const admin = await createUser(config, { email: uniqueEmail('ada'), name: 'Ada', password: 'cli-password-1', role: 'admin' });
    const member = await createUser(config, { email: uniqueEmail('bob'), name: 'Bob', password: 'cli-password-2', role: 'member' });
    expect([admin.role, member.role]).toEqual(['admin', 'member']);
    await expect(createUser(config, { email: admin.email, name: 'Again', password: 'cli-password-3', role: 'member' })).rejects.toThrow(/exists/);

    const t = await startTestApp({ env: { SIGNUP_ENABLED: 'false' } });
    try {
      const signIn = await t.http().post('/api/auth/sign-in/email').set('Origin', TRUSTED_ORIGIN)
        .send({ email: admin.email, password: 'cli-password-1' }).expect(200);
      const me = await t.http().get('/api/v1/me').set('Cookie', cookieHeader(signIn.headers['set-cookie'])).expect(200);
      expect(me.body).toMatchObject({ email: admin.email, role: 'admin' });
    } finally {
      await t.close();
    }
  });
});
