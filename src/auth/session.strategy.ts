import { Inject, Injectable, ServiceUnavailableException } from '@nestjs/common';
import { fromNodeHeaders } from 'better-auth/node';
import type { Request, Response } from 'express';
import { DATABASE_UNAVAILABLE_DETAIL, isDatabaseUnavailable } from '../common/http/database-errors';
import { ABSENT, AuthStrategy, StrategyResult } from './auth-strategy';
import { BETTER_AUTH, BetterAuthInstance } from './better-auth.factory';
import { toRole } from './principal';

/** A better-auth session cookie. Tried first: a browser's own session wins over any Bearer token. */
@Injectable()
export class SessionStrategy implements AuthStrategy {
  constructor(@Inject(BETTER_AUTH) private readonly auth: BetterAuthInstance) {}

  async authenticate(req: Request, res: Response): Promise<StrategyResult> {
    // Cheap pre-check: without better-auth's cookie there is nothing to look up.
    if (!req.headers.cookie?.includes('session_token=')) return ABSENT;

    const { headers, response } = await this.auth.api
      .getSession({ headers: fromNodeHeaders(req.headers), returnHeaders: true })
      .catch((error: unknown) => {
        // better-auth wraps a database failure in a generic 500; the contract says 503 for that.
        throw isDatabaseUnavailable((error as { cause?: unknown }).cause) ? new ServiceUnavailableException(DATABASE_UNAVAILABLE_DETAIL) : error;
      });
    // better-auth refreshes the session (sliding expiry) by sending a new cookie: pass it on.
    const refreshed = headers.getSetCookie();
    if (refreshed.length > 0) res.append('Set-Cookie', refreshed);

    if (!response) return { kind: 'rejected', message: 'Session is invalid or has expired' };
    return {
      kind: 'authenticated',
      principal: { userId: response.user.id, role: toRole(response.user.role), method: 'session' },
    };
  }
}
