// The functions passed to page.evaluate() run in the browser.
/// <reference lib="dom" />
import { existsSync, mkdirSync } from 'node:fs';
import { AddressInfo, createServer } from 'node:net';
import { join } from 'node:path';
import { Browser, BrowserContext, chromium, Locator, Page } from 'playwright-core';
import { resetDatabase, startTestApp, TestApp, TRUSTED_ORIGIN, withDb } from '../support/test-app';
import { signUp, uniqueEmail } from '../support/users';

const CHROMIUM = '/usr/bin/chromium';
const SCREENSHOTS = join(__dirname, '..', 'artifacts', 'screenshots');
const PASSWORD = 'correct-horse-battery';
// A fixed zone without daylight saving time (UTC+05:30), so the expected `expiresAt` is exact.
const TIMEZONE = 'Asia/Kolkata';
const LOCALE = 'en-GB';
const KEY_FORMAT = /^tke_live_[A-Za-z0-9_-]{32}$/;
const TIMEOUT_MS = 60_000;

const hasChromium = existsSync(CHROMIUM);
if (!hasChromium) {
  if (process.env.CI) throw new Error(`${CHROMIUM} is missing; CI runs the browser tests: apt-get install -y chromium`);
  process.stdout.write(`\nBrowser tests SKIPPED: ${CHROMIUM} not found (install it with: apt-get install -y chromium)\n`);
}
const describeInChromium = hasChromium ? describe : describe.skip;

/** Retries an assertion until it passes or time runs out (the page updates asynchronously). */
async function eventually(assertion: () => Promise<void>, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await assertion();
    } catch (error) {
      if (Date.now() > deadline) throw error;
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

function expectText(locator: Locator, expected: string | RegExp): Promise<void> {
  return eventually(async () => {
    const text = (await locator.textContent())?.trim() ?? '';
    if (typeof expected === 'string') expect(text).toBe(expected);
    else expect(text).toMatch(expected);
  });
}

function expectAttribute(locator: Locator, name: string, value: string): Promise<void> {
  return eventually(async () => expect(await locator.getAttribute(name)).toBe(value));
}

function expectFocused(locator: Locator): Promise<void> {
  return eventually(async () => expect(await locator.evaluate((element) => element === document.activeElement)).toBe(true));
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/**
 * The app on a port chosen beforehand: better-auth and the CSRF rule check the browser's Origin
 * against BETTER_AUTH_URL, so it must be the very URL the browser uses. TRUSTED_ORIGIN is trusted
 * too, for the HTTP helpers of test/support, which present it.
 */
async function startOnKnownPort(env: Record<string, string> = {}): Promise<TestApp> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  return startTestApp({ port, env: { BETTER_AUTH_URL: url, TRUSTED_ORIGINS: `${url},${TRUSTED_ORIGIN}`, ...env } });
}

/** Every console error and uncaught page error (CSP violations are console errors). */
function collectErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(`console: ${message.text()} (${message.location().url})`);
  });
  page.on('pageerror', (error) => errors.push(`pageerror: ${error.message}`));
  return errors;
}

async function signUpInPage(page: Page, baseUrl: string, name: string, email: string): Promise<void> {
  await page.goto(`${baseUrl}/login`);
  await page.getByRole('button', { name: 'Create an account' }).click();
  await page.locator('#sign-up-name').fill(name);
  await page.locator('#sign-up-email').fill(email);
  await page.locator('#sign-up-password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Create account' }).click();
  await page.waitForURL(`${baseUrl}/dashboard`);
}

/** V8's heap after a full GC: a string that only a forgotten variable or node still holds shows up here. */
async function heapHolds(page: Page, needle: string): Promise<boolean> {
  const cdp = await page.context().newCDPSession(page);
  let snapshot = '';
  cdp.on('HeapProfiler.addHeapSnapshotChunk', ({ chunk }) => {
    snapshot += chunk;
  });
  await cdp.send('HeapProfiler.enable');
  await cdp.send('HeapProfiler.collectGarbage');
  await cdp.send('HeapProfiler.takeHeapSnapshot', { reportProgress: false });
  await cdp.detach();
  return snapshot.includes(needle);
}

function keyRequest(t: TestApp, key: string): Promise<Response> {
  return fetch(`${t.url}/api/v1/me`, { headers: { Authorization: `Bearer ${key}` } });
}

/** The date 30 days from now in TIMEZONE as YYYY-MM-DD (what a date input holds). */
function dateInThirtyDays(): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: TIMEZONE }).format(new Date(Date.now() + 30 * 86_400_000));
}

describeInChromium('dashboard in Chromium', () => {
  let t: TestApp;
  let browser: Browser;
  let context: BrowserContext;

  beforeAll(async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    // The first user after a reset becomes admin: the flow below relies on that.
    await resetDatabase();
    t = await startOnKnownPort();
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
    });
  }, TIMEOUT_MS);

  beforeEach(async () => {
    context = await browser.newContext({
      locale: LOCALE,
      timezoneId: TIMEZONE,
      viewport: { width: 1280, height: 800 },
      permissions: ['clipboard-read', 'clipboard-write'],
    });
    context.setDefaultTimeout(10_000);
  });
  afterEach(() => context.close());

  afterAll(async () => {
    await browser?.close();
    await t?.close();
    process.stdout.write(`\nBrowser screenshots: ${SCREENSHOTS}\n`);
  });

  it('signs up, generates a key shown once, uses it, revokes it, with no console errors', async () => {
    const page = await context.newPage();
    const errors = collectErrors(page);
    const email = uniqueEmail('ada');

    // `/` without a session lands on the login page.
    await page.goto(`${t.url}/`);
    await page.waitForURL(`${t.url}/login`);
    await page.screenshot({ path: join(SCREENSHOTS, '1-login.png') });

    await signUpInPage(page, t.url, 'Ada Lovelace', email);
    await expectText(page.locator('#account-email'), email);
    await expectText(page.locator('#account-name'), 'Ada Lovelace');
    await expectText(page.locator('#account-role'), 'admin');
    await expectText(page.locator('#me-name'), 'Ada Lovelace');
    await expectText(page.locator('#count-keys'), '0');
    for (const id of ['#count-tours', '#count-events']) await expectText(page.locator(id), /^\d+$/);
    await page.screenshot({ path: join(SCREENSHOTS, '2-dashboard.png') });
    // Signed in, both `/` and the login page lead to the dashboard.
    for (const path of ['/', '/login']) {
      await page.goto(`${t.url}${path}`);
      await page.waitForURL(`${t.url}/dashboard`);
    }

    await page.getByRole('navigation', { name: 'Dashboard' }).getByRole('link', { name: 'API keys' }).click();
    await page.waitForURL(`${t.url}/dashboard/api-keys`);
    await page.locator('#empty-state').waitFor({ state: 'visible' });
    await page.locator('#all-users-toggle').waitFor({ state: 'visible' });

    // Client-side validation, next to the field, with focus moved there.
    await page.getByRole('button', { name: 'Generate key' }).click();
    await expectText(page.locator('#key-name-error'), 'Give the key a name.');
    await expectAttribute(page.getByLabel('Name'), 'aria-invalid', 'true');
    await expectFocused(page.getByLabel('Name'));

    const expiryDate = dateInThirtyDays();
    await page.getByLabel('Name').fill('Zapier');
    await page.getByLabel(/Expires/).fill(expiryDate);
    const [createResponse] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith('/api/v1/api-keys') && r.request().method() === 'POST'),
      page.getByRole('button', { name: 'Generate key' }).click(),
    ]);
    expect(createResponse.status()).toBe(201);
    // End of the chosen day in the browser's timezone (UTC+05:30), sent as UTC.
    expect(createResponse.request().postDataJSON()).toEqual({ name: 'Zapier', expiresAt: `${expiryDate}T18:29:59.999Z` });

    const dialog = page.getByRole('dialog', { name: 'Your new API key' });
    await dialog.waitFor({ state: 'visible' });
    expect(await dialog.textContent()).toContain('it will not be shown again');
    const key = (await dialog.locator('#key-value').textContent())!;
    expect(key).toMatch(KEY_FORMAT);
    const closeButton = dialog.getByRole('button', { name: 'Close' });
    expect(await closeButton.isDisabled()).toBe(true);
    // Escape does not skip the confirmation.
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'visible' });

    await dialog.getByRole('button', { name: 'Copy' }).click();
    await expectText(dialog.getByRole('status'), 'Copied to the clipboard.');
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(key);
    await page.screenshot({ path: join(SCREENSHOTS, '3-key-dialog.png') });

    const me = await keyRequest(t, key);
    expect(me.status).toBe(200);
    expect(await me.json()).toMatchObject({ email, method: 'api_key' });

    await dialog.getByLabel('I have copied this key').check();
    await closeButton.click();
    await dialog.waitFor({ state: 'hidden' });

    // After the dialog: not in the DOM, the storages, the URL or history, nor anywhere in the JS heap.
    const traces = await page.evaluate((secret) => ({
      dom: document.documentElement.outerHTML.includes(secret),
      localStorage: JSON.stringify({ ...localStorage }).includes(secret) || localStorage.length > 0,
      sessionStorage: JSON.stringify({ ...sessionStorage }).includes(secret) || sessionStorage.length > 0,
      url: location.href.includes(secret) || JSON.stringify(history.state ?? null).includes(secret),
      keyNodes: document.getElementById('key-value')!.childNodes.length,
    }), key);
    expect(traces).toEqual({ dom: false, localStorage: false, sessionStorage: false, url: false, keyNodes: 0 });
    // The clipboard still holds the key (the user's copy), so only the page itself is checked.
    expect(await heapHolds(page, key.slice(12))).toBe(false);

    const row = page.getByRole('row').filter({ hasText: 'Zapier' });
    await expectText(row.locator('.badge'), 'active');
    expect(await row.textContent()).toContain(`${key.slice(0, 12)}…`);
    const expires = new Intl.DateTimeFormat(LOCALE, { dateStyle: 'medium', timeZone: TIMEZONE }).format(new Date(`${expiryDate}T18:29:59.999Z`));
    await expectText(row.locator('td[data-label="Expires"]'), expires);

    // Revoke: the confirmation names the key; the row changes at once, without a reload.
    await row.getByRole('button', { name: 'Revoke Zapier' }).click();
    const confirm = page.getByRole('dialog', { name: 'Revoke “Zapier”?' });
    expect(await confirm.textContent()).toContain(key.slice(0, 12));
    await confirm.getByRole('button', { name: 'Revoke key' }).click();
    await confirm.waitFor({ state: 'hidden' });
    await expectText(row.locator('.badge'), 'revoked');
    await eventually(async () => expect(await row.getByRole('button').count()).toBe(0));
    expect((await keyRequest(t, key)).status).toBe(401);

    await page.reload();
    await expectText(page.getByRole('row').filter({ hasText: 'Zapier' }).locator('.badge'), 'revoked');
    await page.screenshot({ path: join(SCREENSHOTS, '4-keys-list.png'), fullPage: true });
    await page.setViewportSize({ width: 390, height: 844 });
    await page.screenshot({ path: join(SCREENSHOTS, '5-keys-list-narrow.png'), fullPage: true });

    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL(`${t.url}/login`);
    expect(errors).toEqual([]);

    // Signed out: the dashboard sends the browser back to the login page.
    await page.goto(`${t.url}/dashboard/api-keys`);
    await page.waitForURL(`${t.url}/login`);
  }, TIMEOUT_MS);

  it('shows sign-in errors in the page and moves focus to the field to fix', async () => {
    const page = await context.newPage();
    await page.goto(`${t.url}/login`);
    const signIn = page.locator('#sign-in-form');

    await signIn.getByRole('button', { name: 'Sign in' }).click();
    await expectText(page.locator('#sign-in-email-error'), 'Enter your email address.');
    await expectText(page.locator('#sign-in-password-error'), 'Enter your password.');
    await expectFocused(page.locator('#sign-in-email'));

    await page.locator('#sign-in-email').fill('nobody@example.com');
    await page.locator('#sign-in-password').fill('wrong-password');
    await signIn.getByRole('button', { name: 'Sign in' }).click();
    await expectText(signIn.getByRole('alert'), 'Wrong email or password.');
    expect(page.url()).toBe(`${t.url}/login`);
  }, TIMEOUT_MS);

  it('puts the API’s own validation errors next to the field; only admins can list every user’s keys', async () => {
    const other = await signUp(t, 'other');
    await t.http().post('/api/v1/api-keys').set('Cookie', other.cookie).set('Origin', TRUSTED_ORIGIN).send({ name: 'Other team' }).expect(201);

    const page = await context.newPage();
    const email = uniqueEmail('grace');
    await signUpInPage(page, t.url, 'Grace Hopper', email);
    await expectText(page.locator('#account-role'), 'member');
    await page.goto(`${t.url}/dashboard/api-keys`);
    await page.locator('#empty-state').waitFor({ state: 'visible' });
    expect(await page.locator('#all-users-toggle').isVisible()).toBe(false);

    // The client checks the date too; change the request on the wire so the API itself refuses it.
    await page.route('**/api/v1/api-keys', (route) =>
      route.continue({ postData: JSON.stringify({ name: 'CRM sync', expiresAt: '2001-01-01T00:00:00Z' }) }),
    );
    await page.getByLabel('Name').fill('CRM sync');
    await page.getByRole('button', { name: 'Generate key' }).click();
    await expectText(page.locator('#key-expires-error'), /\S/);
    await expectAttribute(page.getByLabel(/Expires/), 'aria-invalid', 'true');
    expect(await page.locator('#key-dialog').isVisible()).toBe(false);
    await page.unroute('**/api/v1/api-keys');

    await page.getByRole('button', { name: 'Generate key' }).click();
    const dialog = page.getByRole('dialog', { name: 'Your new API key' });
    await dialog.getByLabel('I have copied this key').check();
    await dialog.getByRole('button', { name: 'Close' }).click();
    await expectText(page.locator('#keys-body'), /CRM sync/);
    expect(await page.locator('#keys-body').textContent()).not.toContain('Other team');

    // Promoted to admin, the same page offers every user's keys, with their owners.
    await withDb((db) => db.query(`UPDATE users SET role = 'admin' WHERE email = $1`, [email]));
    await page.reload();
    await page.getByLabel('Show all users’ keys').check();
    await expectText(page.locator('#list-title'), 'All users’ keys');
    const otherRow = page.getByRole('row').filter({ hasText: 'Other team' });
    await expectText(otherRow.locator('td[data-label="Owner"]'), other.id);
    await expectText(page.getByRole('row').filter({ hasText: 'CRM sync' }).locator('td[data-label="Owner"]'), 'You');
  }, TIMEOUT_MS);

  it('says so on the login page when sign-up is disabled', async () => {
    const closed = await startOnKnownPort({ SIGNUP_ENABLED: 'false' });
    try {
      const page = await context.newPage();
      await page.goto(`${closed.url}/login`);
      await page.getByRole('button', { name: 'Create an account' }).click();
      await page.locator('#sign-up-name').fill('Eve');
      await page.locator('#sign-up-email').fill(uniqueEmail('eve'));
      await page.locator('#sign-up-password').fill(PASSWORD);
      await page.getByRole('button', { name: 'Create account' }).click();
      await expectText(page.locator('#sign-up-form').getByRole('alert'), /Sign-up is turned off/);
    } finally {
      await closed.close();
    }
  }, TIMEOUT_MS);
});
