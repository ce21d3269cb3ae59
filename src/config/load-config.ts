import { resolve } from 'node:path';
import type { ApiKeyEnvironment, AppConfig, LogLevel } from './app-config';

export class ConfigError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

type Env = Record<string, string | undefined>;

/**
 * Reads and validates every setting in one pass, collecting all problems so an operator fixes them
 * at once. Messages name the variable; values are echoed only for settings that cannot be secret.
 */
export function loadConfig(env: Env = process.env): AppConfig {
  const problems: string[] = [];
  const read = (name: string): string | undefined => {
    const value = env[name]?.trim();
    return value === '' ? undefined : value;
  };

  const int = (name: string, fallback: number, min: number, max = Number.MAX_SAFE_INTEGER): number => {
    const raw = read(name);
    if (raw === undefined) return fallback;
    const value = /^-?\d+$/.test(raw) ? Number(raw) : NaN;
    if (!Number.isSafeInteger(value) || value < min || value > max) {
      problems.push(`${name}: must be an integer from ${min} to ${max} (got "${raw}")`);
      return fallback;
    }
    return value;
  };

  const bool = (name: string, fallback: boolean): boolean => {
    const raw = read(name)?.toLowerCase();
    if (raw === undefined) return fallback;
    if (['true', '1', 'yes'].includes(raw)) return true;
    if (['false', '0', 'no'].includes(raw)) return false;
    problems.push(`${name}: must be true or false (got "${raw}")`);
    return fallback;
  };

  const oneOf = <T extends string>(name: string, allowed: readonly T[], fallback: T): T => {
    const raw = read(name);
    if (raw === undefined) return fallback;
    if ((allowed as readonly string[]).includes(raw)) return raw as T;
    problems.push(`${name}: must be one of ${allowed.join(', ')} (got "${raw}")`);
    return fallback;
  };

  // URLs may carry passwords, so their values are never echoed.
  const url = (name: string, protocols: readonly string[]): URL | undefined => {
    const raw = read(name);
    if (raw === undefined) return undefined;
    try {
      const parsed = new URL(raw);
      if (!protocols.includes(parsed.protocol)) throw new Error('protocol');
      return parsed;
    } catch {
      problems.push(`${name}: must be a URL starting with ${protocols.map((p) => `${p}//`).join(' or ')}`);
      return undefined;
    }
  };

  const nodeEnv = oneOf('NODE_ENV', ['development', 'production', 'test'] as const, 'development');
  const port = int('PORT', 3000, 0, 65535);
  const databaseUrl = url('DATABASE_URL', ['postgres:', 'postgresql:']);
  const redisUrl = url('REDIS_URL', ['redis:', 'rediss:']);

  const prefix = read('API_KEY_PREFIX') ?? 'tke';
  if (!/^[a-z0-9]{2,8}$/.test(prefix)) {
    problems.push(`API_KEY_PREFIX: must match [a-z0-9]{2,8} (got "${prefix}")`);
  }
  const environment = oneOf<ApiKeyEnvironment>('API_KEY_ENVIRONMENT', ['live', 'test'], 'live');

  const rateLimitMax = int('RATE_LIMIT_MAX', 100, 1, 1_000_000_000);
  const windowSeconds = int('RATE_LIMIT_WINDOW_SECONDS', 60, 1, 86_400);

  const secret = read('BETTER_AUTH_SECRET');
  if (secret !== undefined && secret.length < 32) {
    problems.push('BETTER_AUTH_SECRET: must be at least 32 characters (e.g. `openssl rand -base64 32`)');
  } else if (secret === undefined && nodeEnv === 'production') {
    problems.push('BETTER_AUTH_SECRET: is required when NODE_ENV=production (e.g. `openssl rand -base64 32`)');
  }

  const baseUrl = url('BETTER_AUTH_URL', ['http:', 'https:']) ?? new URL(`http://localhost:${port}`);
  const trustedOrigins = (read('TRUSTED_ORIGINS') ?? baseUrl.origin)
    .split(',')
    .map((o) => o.trim())
    .filter(Boolean)
    .map((origin) => {
      try {
        const parsed = new URL(origin);
        if (parsed.origin === 'null' || parsed.origin !== origin.replace(/\/$/, '')) throw new Error('not an origin');
        return parsed.origin;
      } catch {
        problems.push(`TRUSTED_ORIGINS: "${origin}" is not an origin like https://app.example.com`);
        return origin;
      }
    });

  const sessionExpiresInSeconds = int('SESSION_EXPIRES_IN_SECONDS', 604_800, 1, 31_536_000);
  const signupEnabled = bool('SIGNUP_ENABLED', true);
  const trustProxy = parseTrustProxy(read('TRUST_PROXY'), problems);
  const logLevel = oneOf<LogLevel>('LOG_LEVEL', ['debug', 'info', 'warn', 'error', 'silent'], 'info');

  if (problems.length > 0) throw new ConfigError(problems);

  return {
    nodeEnv,
    port,
    databaseUrl: databaseUrl?.toString(),
    dataDir: resolve(read('DATA_DIR') ?? './.data'),
    redisUrl: redisUrl?.toString(),
    apiKeys: { prefix, environment },
    rateLimit: { max: rateLimitMax, windowSeconds },
    auth: {
      secret,
      baseUrl: baseUrl.toString().replace(/\/$/, ''),
      trustedOrigins,
      sessionExpiresInSeconds,
      signupEnabled,
    },
    trustProxy,
    logLevel,
  };
}

/** `false` (default), `true`, a hop count, or a comma-separated list of proxy addresses/subnets. */
function parseTrustProxy(raw: string | undefined, problems: string[]): boolean | number | string {
  if (raw === undefined || raw.toLowerCase() === 'false') return false;
  if (raw.toLowerCase() === 'true') return true;
  if (/^\d+$/.test(raw)) return Number(raw);
  const parts = raw.split(',').map((p) => p.trim());
  const valid = parts.every((p) =>
    /^(loopback|linklocal|uniquelocal|[0-9a-f.:]+(\/\d{1,3})?)$/i.test(p),
  );
  if (!valid) {
    problems.push('TRUST_PROXY: must be false, true, a hop count, or comma-separated proxy addresses/subnets');
    return false;
  }
  return parts.join(',');
}
