import { Inject, Injectable } from '@nestjs/common';
import type { Request, Response } from 'express';
import { API_KEY_STRATEGY, AuthStrategy } from './auth-strategy';
import type { Principal } from './principal';
import { SessionStrategy } from './session.strategy';

export type AuthOutcome =
  | { readonly principal: Principal; readonly failure?: undefined }
  | { readonly principal?: undefined; readonly failure: string };

const OUTCOME = Symbol('authOutcome');
type MemoRequest = Request & { [OUTCOME]?: Promise<AuthOutcome> };

/**
 * Resolves the caller once per request (session first, then API key) and keeps the outcome on the
 * request, so the rate limiter, the auth guard and handlers share a single lookup.
 */
@Injectable()
export class Authenticator {
  private readonly strategies: readonly AuthStrategy[];

  constructor(session: SessionStrategy, @Inject(API_KEY_STRATEGY) apiKey: AuthStrategy) {
    this.strategies = [session, apiKey];
  }

  authenticate(req: Request, res: Response): Promise<AuthOutcome> {
    const memo = req as MemoRequest;
    return (memo[OUTCOME] ??= this.resolve(req, res));
  }

  private async resolve(req: Request, res: Response): Promise<AuthOutcome> {
    let failure: string | undefined;
    for (const strategy of this.strategies) {
      const result = await strategy.authenticate(req, res);
      if (result.kind === 'authenticated') {
        req.principal = result.principal;
        return { principal: result.principal };
      }
      // The last credential tried explains the refusal best (a bad key after a stale cookie).
      if (result.kind === 'rejected') failure = result.message;
    }
    return { failure: failure ?? 'Authentication required' };
  }
}
