import { betterAuth } from 'better-auth';
import { admin } from 'better-auth/plugins';
import { adminAc, userAc } from 'better-auth/plugins/admin/access';
import type { Pool } from 'pg';
import type { AppConfig } from '../config/app-config';
import type { JsonLogger } from '../common/logging/json-logger';

export const BETTER_AUTH = Symbol('BETTER_AUTH');

/**
 * better-auth's rate limiter and session records read the client address from this header, which
 * the app sets from `req.ip` (socket address, or X-Forwarded-For only under TRUST_PROXY) and
 * overwrites on every request, so a client cannot choose its own bucket.
 */
export const CLIENT_IP_HEADER = 'x-tke-client-ip';

const snakeCase = (...fields: string[]): Record<string, string> =>
  Object.fromEntries(fields.map((f) => [f, f.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`)]));

export function createBetterAuth(config: AppConfig, pool: Pool, secret: string, logger: JsonLogger) {
  return betterAuth({
    appName: 'Tours & Events',
    baseURL: config.auth.baseUrl,
    basePath: '/api/auth',
    secret,
    database: pool,
    trustedOrigins: [...config.auth.trustedOrigins],
    telemetry: { enabled: false },
    // better-auth's limiter (3 sign-in/sign-up attempts per 10 s per address, more for other routes);
    // decided from our validated NODE_ENV rather than its own reading of process.env.
    rateLimit: { enabled: config.nodeEnv === 'production' },
    emailAndPassword: { enabled: true, disableSignUp: !config.auth.signupEnabled },
    session: {
      modelName: 'sessions',
      fields: snakeCase('expiresAt', 'createdAt', 'updatedAt', 'ipAddress', 'userAgent', 'userId'),
      expiresIn: config.auth.sessionExpiresInSeconds,
      // No signed cookie cache: a signed-out or revoked session must stop working at once.
      cookieCache: { enabled: false },
    },
    advanced: {
      database: { generateId: 'uuid' },
      ipAddress: { ipAddressHeaders: [CLIENT_IP_HEADER] },
      useSecureCookies: config.auth.baseUrl.startsWith('https:'),
      defaultCookieAttributes: { httpOnly: true, sameSite: 'lax' },
    },
    // Only the message: better-auth's extra arguments can carry emails or tokens.
    logger: {
      level: 'warn',
      log: (level, message) => logger.emit(level, message, { context: 'better-auth' }),
    },
    // Tables and columns are snake_case, created by our TypeORM migrations.
    user: { modelName: 'users', fields: snakeCase('emailVerified', 'createdAt', 'updatedAt') },
    account: {
      modelName: 'accounts',
      fields: snakeCase(
        'accountId', 'providerId', 'userId', 'accessToken', 'refreshToken', 'idToken',
        'accessTokenExpiresAt', 'refreshTokenExpiresAt', 'createdAt', 'updatedAt',
      ),
    },
    verification: { modelName: 'verifications', fields: snakeCase('expiresAt', 'createdAt', 'updatedAt') },
    plugins: [
      admin({
        // Our two roles; a member has better-auth's plain-user rights (none on the admin API).
        roles: { admin: adminAc, member: userAc },
        defaultRole: 'member',
        adminRoles: ['admin'],
        schema: {
          user: { fields: snakeCase('banReason', 'banExpires') },
          session: { fields: snakeCase('impersonatedBy') },
        },
      }),
    ],
  });
}

export type BetterAuthInstance = ReturnType<typeof createBetterAuth>;
