import { startTestApp, TestApp } from './support/test-app';
import { signUp } from './support/users';

const PAGES = ['/login', '/dashboard', '/dashboard/api-keys'];

/** The same-origin files a page or a module refers to: `src`/`href` attributes and `import … from`. */
function references(text: string): string[] {
  const attributes = [...text.matchAll(/\b(?:src|href)="(\/assets\/[^"]+)"/g)].map((m) => m[1]);
  const imports = [...text.matchAll(/\bfrom '\.\/([^']+)'/g)].map((m) => `/assets/${m[1]}`);
  return [...attributes, ...imports];
}

describe('pages', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it.each(PAGES)('serves %s as HTML under the strict CSP, with no inline script, style or handler', async (path) => {
    const res = await t.http().get(path).expect(200);
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(res.headers['cache-control']).toBe('no-store');
    const csp = res.headers['content-security-policy'];
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("style-src 'self'");
    expect(csp).not.toContain('unsafe-inline');

    const html = res.text;
    const scripts = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)];
    expect(scripts.length).toBeGreaterThan(0);
    for (const [, attributes, body] of scripts) {
      expect(attributes).toMatch(/\bsrc="\/assets\/[\w-]+\.js"/);
      expect(body.trim()).toBe('');
    }
    expect(html).not.toMatch(/<style\b/i);
    expect(html).not.toMatch(/\sstyle=/i);
    expect(html).not.toMatch(/\son[a-z]+=/i);
    expect(html).not.toMatch(/javascript:/i);
  });

  it('serves every stylesheet, script and module import the pages refer to', async () => {
    const seen = new Set<string>();
    const queue = (await Promise.all(PAGES.map(async (p) => references((await t.http().get(p)).text)))).flat();
    while (queue.length > 0) {
      const asset = queue.shift()!;
      if (seen.has(asset)) continue;
      seen.add(asset);
      const res = await t.http().get(asset);
      expect({ asset, status: res.status }).toEqual({ asset, status: 200 });
      const type = { js: /^(text|application)\/javascript/, css: /^text\/css/, svg: /^image\/svg\+xml/ }[asset.split('.').pop()!];
      expect(res.headers['content-type']).toMatch(type!);
      if (asset.endsWith('.js')) queue.push(...references(res.text));
    }
    expect([...seen]).toEqual(expect.arrayContaining(['/assets/styles.css', '/assets/login.js', '/assets/api.js', '/assets/api-keys.js']));
  });

  it('answers unknown or escaping asset paths with a 404 problem', async () => {
    for (const path of ['/assets/nope.js', '/assets/../pages.controller.ts', '/assets/%2e%2e/login.html', '/assets/']) {
      const res = await t.http().get(path);
      expect({ path, status: res.status }).toEqual({ path, status: 404 });
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    }
  });

  it('keeps the pages out of the API prefix', async () => {
    await t.http().get('/api/v1/login').expect(404);
  });

  it('redirects / to /login without a valid session and to /dashboard with one', async () => {
    const anonymous = await t.http().get('/').expect(302);
    expect(anonymous.headers.location).toBe('/login');
    expect(anonymous.headers['cache-control']).toBe('no-store');

    const stale = await t.http().get('/').set('Cookie', 'better-auth.session_token=not-a-session').expect(302);
    expect(stale.headers.location).toBe('/login');

    const user = await signUp(t, 'pages');
    const signedIn = await t.http().get('/').set('Cookie', user.cookie).expect(302);
    expect(signedIn.headers.location).toBe('/dashboard');
    expect(signedIn.headers['cache-control']).toBe('no-store');
  });
});
