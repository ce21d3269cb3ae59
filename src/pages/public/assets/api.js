// fetch + JSON for the app's own endpoints: /api/v1 (problem+json errors) and /api/auth (better-auth's
// {code, message} errors). Same-origin only, so the session cookie and the browser's Origin header
// (which the CSRF rule checks) are sent by the browser itself.

export class HttpError extends Error {
  constructor(status, body, retryAfter) {
    super(describe(status, body, retryAfter));
    this.status = status;
    /** better-auth's error code, e.g. INVALID_EMAIL_OR_PASSWORD. */
    this.code = body?.code;
    /** problem+json `errors: [{field, message}]` of a 400. */
    this.fieldErrors = Array.isArray(body?.errors) ? body.errors : [];
  }
}

function describe(status, body, retryAfter) {
  if (status === 0) return 'The server could not be reached. Check your connection and try again.';
  if (status === 429) {
    return retryAfter ? `Too many requests. Try again in ${retryAfter} seconds.` : 'Too many requests. Wait a moment and try again.';
  }
  return body?.detail || body?.message || `The request failed (HTTP ${status}).`;
}

/** One request; resolves with the parsed JSON body (or null), rejects with an HttpError. */
export async function request(path, { method = 'GET', body } = {}) {
  const headers = { Accept: 'application/json' };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  let res;
  try {
    res = await fetch(path, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      credentials: 'same-origin',
      cache: 'no-store',
    });
  } catch {
    throw new HttpError(0, null);
  }
  const text = await res.text();
  let data = null;
  try {
    data = text ? JSON.parse(text) : null;
  } catch {
    // A non-JSON body (a proxy's error page): the status alone describes it.
  }
  if (!res.ok) {
    // Our API sends Retry-After; better-auth's own limiter sends X-Retry-After.
    const retryAfter = res.headers.get('Retry-After') ?? res.headers.get('X-Retry-After');
    throw new HttpError(res.status, data, retryAfter);
  }
  return data;
}

/**
 * For the dashboard's /api/v1 calls: a 401 means the session is gone, so go to the login page. The
 * returned promise then never settles, so no caller paints an error while the browser navigates away.
 */
export async function api(path, options) {
  try {
    return await request(path, options);
  } catch (error) {
    if (error.status !== 401) throw error;
    location.replace('/login');
    return new Promise(() => {});
  }
}
