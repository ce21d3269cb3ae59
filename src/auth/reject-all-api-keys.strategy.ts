import { Injectable } from '@nestjs/common';
import type { Request } from 'express';
import { ABSENT, AuthStrategy, StrategyResult } from './auth-strategy';

/** Used when no API-key implementation is wired in: a Bearer token is never accepted. */
@Injectable()
export class RejectAllApiKeysStrategy implements AuthStrategy {
  async authenticate(req: Request): Promise<StrategyResult> {
    if (req.headers.authorization === undefined) return ABSENT;
    return { kind: 'rejected', message: 'Invalid API key' };
  }
}
