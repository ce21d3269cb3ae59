import { expectProblem } from './support/problem';
import { TcpProxy } from './support/tcp-proxy';
import { signUp } from './support/users';
import { startTestApp, TestApp, testDatabaseUrl } from './support/test-app';

describe('foundation', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('serves liveness and readiness publicly', async () => {
    await t.http().get('/health').expect(200, { status: 'ok' });
    await t.http().get('/health/ready').expect(200, { status: 'ok', database: 'up' });
  });

  it('returns a request id, keeps a well-formed one from the caller, and logs it', async () => {
    const generated = await t.http().get('/health');
    expect(generated.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    const kept = await t.http().get('/health').set('X-Request-Id', 'trace-abc.123');
    expect(kept.headers['x-request-id']).toBe('trace-abc.123');
    const bogus = await t.http().get('/health').set('X-Request-Id', 'bad id with spaces');
    expect(bogus.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    const line = t.logs.find((l) => l.msg === 'request' && l.requestId === 'trace-abc.123');
    expect(line).toMatchObject({ method: 'GET', path: '/health', status: 200, durationMs: expect.any(Number) });
  });

  it('answers unknown routes with a 404 problem, inside and outside /api/v1', async () => {
    expectProblem(await t.http().get('/api/v1/does-not-exist'), 404);
    expectProblem(await t.http().get('/nothing/here'), 404);
  });

  it('answers malformed JSON with 400 and does not echo the body', async () => {
    const res = await t.http().post('/api/v1/me').set('Content-Type', 'application/json').send('{"name": secret-value');
    const body = expectProblem(res, 400);
    expect(body.detail).toBe('The request body is not valid JSON.');
    expect(res.text).not.toContain('secret-value');
  });

  it('answers a 200 kB body with 413', async () => {
    const res = await t.http().post('/api/v1/me').set('Content-Type', 'application/json').send(JSON.stringify({ a: 'x'.repeat(200_000) }));
    expectProblem(res, 413);
  });

  it('sets security headers and hides the framework', async () => {
    const res = await t.http().get('/health');
    expect(res.headers['x-powered-by']).toBeUndefined();
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['content-security-policy']).toContain("script-src 'self'");
  });

  it('allows CORS with credentials only for trusted origins', async () => {
    const trusted = await t.http().options('/api/v1/me').set('Origin', 'http://localhost:3000').set('Access-Control-Request-Method', 'POST');
    expect(trusted.headers['access-control-allow-origin']).toBe('http://localhost:3000');
    expect(trusted.headers['access-control-allow-credentials']).toBe('true');
    const evil = await t.http().options('/api/v1/me').set('Origin', 'https://evil.example').set('Access-Control-Request-Method', 'POST');
    expect(evil.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('publishes the OpenAPI document with both security schemes, and its UI', async () => {
    const doc = await t.http().get('/api/docs-json').expect(200);
    expect(doc.body.openapi).toMatch(/^3\./);
    expect(Object.keys(doc.body.components.securitySchemes).sort()).toEqual(['api-key', 'session']);
    expect(doc.body.paths['/api/v1/me']).toBeDefined();
    const ui = await t.http().get('/api/docs/').expect(200);
    expect(ui.text).toContain('swagger');
    // Swagger UI sets inline styles: only its pages allow them, in a single policy.
    expect(ui.headers['content-security-policy']).toContain("style-src 'self' 'unsafe-inline'");
    const api = await t.http().get('/health');
    expect(api.headers['content-security-policy']).toContain("style-src 'self';");
  });
});

describe('database outage', () => {
  it('answers 503 while the database is unreachable and recovers by itself', async () => {
    const target = new URL(testDatabaseUrl());
    const proxy = new TcpProxy(target.hostname, Number(target.port || 5432));
    await proxy.start();
    const t = await startTestApp({ databaseUrl: proxy.wrap(testDatabaseUrl()) });
    try {
      await t.http().get('/health/ready').expect(200);
      const user = await signUp(t, 'outage');
      await proxy.stop();
      const down = await t.http().get('/health/ready');
      expectProblem(down, 503);
      expect(down.headers['retry-after']).toBeDefined();
      // Authenticated requests need the database too: 503, not 401 or 500.
      const session = await t.http().get('/api/v1/me').set('Cookie', user.cookie);
      expect(expectProblem(session, 503).detail).toBe('The database is unavailable; retry shortly.');
      const key = await t.http().get('/api/v1/me').set('Authorization', `Bearer tke_live_${'A'.repeat(32)}`);
      expectProblem(key, 503);
      expect(t.logs.some((l) => l.level === 'error')).toBe(true);
      await proxy.start();
      await t.http().get('/health/ready').expect(200);
    } finally {
      await t.close();
      await proxy.stop();
    }
  });
});
