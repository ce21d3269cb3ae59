import type { Request, Response } from 'express';
import type { Principal } from './principal';

/**
 * What a strategy concluded about one request:
 * - `absent`: the request carries no credential of this kind, so the next strategy is tried;
 * - `rejected`: it carries one, and it is not valid (the message is safe to show the caller);
 * - `authenticated`: it is valid.
 */
export type StrategyResult =
  | { readonly kind: 'absent' }
  | { readonly kind: 'rejected'; readonly message: string }
  | { readonly kind: 'authenticated'; readonly principal: Principal };

/** One way of proving who the caller is. The Authenticator tries strategies in a fixed order. */
export interface AuthStrategy {
  authenticate(req: Request, res: Response): Promise<StrategyResult>;
}

/**
 * Injection token of the API-key strategy. AuthModule does not know how keys work: the module
 * that owns them provides the implementation through `AuthModule.forRoot({ apiKeyStrategy })`.
 */
export const API_KEY_STRATEGY = Symbol('API_KEY_STRATEGY');

export const ABSENT: StrategyResult = Object.freeze({ kind: 'absent' });
