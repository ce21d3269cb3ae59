import { ConfigError, loadConfig } from './load-config';

function problemsOf(env: Record<string, string>): string[] {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return [...error.problems];
    throw error;
  }
  return [];
}

describe('loadConfig', () => {
  it('applies the contract defaults', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      port: 3000,
      databaseUrl: undefined,
      redisUrl: undefined,
      apiKeys: { prefix: 'tke', environment: 'live' },
      rateLimit: { max: 100, windowSeconds: 60 },
      auth: {
        secret: undefined,
        baseUrl: 'http://localhost:3000',
        trustedOrigins: ['http://localhost:3000'],
        sessionExpiresInSeconds: 604800,
        signupEnabled: true,
      },
      trustProxy: false,
      logLevel: 'info',
    });
    expect(config.dataDir).toMatch(/\.data$/);
  });

  it('derives the auth URL from PORT and trusted origins from the auth URL', () => {
    expect(loadConfig({ PORT: '8080' }).auth.trustedOrigins).toEqual(['http://localhost:8080']);
    const config = loadConfig({ BETTER_AUTH_URL: 'https://api.example.com/', TRUSTED_ORIGINS: 'https://a.example.com, https://b.example.com' });
    expect(config.auth.baseUrl).toBe('https://api.example.com');
    expect(config.auth.trustedOrigins).toEqual(['https://a.example.com', 'https://b.example.com']);
  });

  it.each([
    ['API_KEY_ENVIRONMENT', 'prod'],
    ['API_KEY_PREFIX', 'TKE'],
    ['API_KEY_PREFIX', 'a'],
    ['RATE_LIMIT_MAX', '-1'],
    ['RATE_LIMIT_MAX', '10.5'],
    ['RATE_LIMIT_WINDOW_SECONDS', '0'],
    ['PORT', '70000'],
    ['DATABASE_URL', 'mysql://x'],
    ['REDIS_URL', 'not a url'],
    ['BETTER_AUTH_URL', 'ftp://x'],
    ['TRUSTED_ORIGINS', 'https://ok.example.com,not-an-origin'],
    ['SESSION_EXPIRES_IN_SECONDS', 'week'],
    ['SIGNUP_ENABLED', 'maybe'],
    ['TRUST_PROXY', 'everyone'],
    ['LOG_LEVEL', 'loud'],
    ['NODE_ENV', 'staging'],
  ])('rejects %s=%s with a message naming the variable', (name, value) => {
    const problems = problemsOf({ [name]: value });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(new RegExp(`^${name}: `));
  });

  it('reports every problem at once', () => {
    expect(problemsOf({ API_KEY_ENVIRONMENT: 'prod', RATE_LIMIT_MAX: '-5' })).toHaveLength(2);
  });

  it('requires BETTER_AUTH_SECRET in production, and never prints secrets or URLs', () => {
    expect(problemsOf({ NODE_ENV: 'production' })[0]).toMatch(/^BETTER_AUTH_SECRET: is required/);
    const problems = problemsOf({ BETTER_AUTH_SECRET: 'short-secret-value', DATABASE_URL: 'mysql://user:hunter2@db/x' });
    expect(problems.join('\n')).not.toMatch(/short-secret-value|hunter2/);
    expect(loadConfig({ NODE_ENV: 'production', BETTER_AUTH_SECRET: 'x'.repeat(32) }).auth.secret).toHaveLength(32);
  });

  it('parses TRUST_PROXY as a boolean, a hop count or proxy addresses', () => {
    expect(loadConfig({ TRUST_PROXY: 'true' }).trustProxy).toBe(true);
    expect(loadConfig({ TRUST_PROXY: '2' }).trustProxy).toBe(2);
    expect(loadConfig({ TRUST_PROXY: 'loopback, 10.0.0.0/8' }).trustProxy).toBe('loopback,10.0.0.0/8');
  });
});
