import { ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import {
  InjectThrottlerOptions,
  InjectThrottlerStorage,
  normalizeIp,
  ThrottlerException,
  ThrottlerGuard,
  ThrottlerLimitDetail,
  ThrottlerModuleOptions,
  ThrottlerRequest,
  ThrottlerStorage,
} from '@nestjs/throttler';
import type { Request, Response } from 'express';
import { Authenticator } from '../auth/authenticator.service';
import { isCountedRoute } from './counted-route';
import { RATE_LIMIT_HEADERS } from './rate-limit-headers';
import { RateLimitStoreUnavailableError } from './rate-limit-store-unavailable.error';

const KEY_PREFIX = 'tke:rate-limit';

/**
 * One budget per principal across all of `/api/v1`: the throttler's hooks make the tracker the user
 * (whichever credential proved it) or, without a valid principal, the client address; and the key
 * the tracker alone, not the route. Runs before the AuthGuard (see app.module.ts).
 */
@Injectable()
export class PrincipalThrottlerGuard extends ThrottlerGuard {
  constructor(
    @InjectThrottlerOptions() options: ThrottlerModuleOptions,
    @InjectThrottlerStorage() storage: ThrottlerStorage,
    reflector: Reflector,
    private readonly authenticator: Authenticator,
  ) {
    super(options, storage, reflector);
  }

  /**
   * Health probes, pages and docs are outside the budget. The matched route's template is checked,
   * not the URL: Express matches paths case-insensitively, so `/API/V1/me` reaches the same handler.
   * Without a matched route the request is counted.
   */
  protected override async shouldSkip(context: ExecutionContext): Promise<boolean> {
    const route: unknown = context.switchToHttp().getRequest<Request>().route?.path;
    return typeof route === 'string' && !isCountedRoute(route);
  }

  /** Resolved through the memoized Authenticator, so the AuthGuard reuses this lookup. */
  protected override async getTracker(request: Record<string, unknown>): Promise<string> {
    const req = request as unknown as Request;
    try {
      const { principal } = await this.authenticator.authenticate(req, req.res as Response);
      if (principal) return `user:${principal.userId}`;
    } catch {
      // The lookup failed (database down): count by address; the AuthGuard reports the failure.
    }
    // The address Express derived (socket, or X-Forwarded-For only under TRUST_PROXY); IPv6 per /64.
    return `ip:${normalizeIp(req.ip ?? 'unknown', this.ipv6SubnetPrefix)}`;
  }

  protected override generateKey(_context: ExecutionContext, tracker: string, throttlerName: string): string {
    return `${KEY_PREFIX}:${throttlerName}:${tracker}`;
  }

  /** Fails open when Redis is unreachable: the database-backed auth still protects the API. */
  protected override async handleRequest(request: ThrottlerRequest): Promise<boolean> {
    try {
      return await super.handleRequest(request);
    } catch (error) {
      if (error instanceof RateLimitStoreUnavailableError) return true;
      throw error;
    }
  }

  /** The throttler sets only `Retry-After` on a 429; clients also need the budget headers there. */
  protected override async throwThrottlingException(context: ExecutionContext, detail: ThrottlerLimitDetail): Promise<void> {
    const res = context.switchToHttp().getResponse<Response>();
    res.setHeader(RATE_LIMIT_HEADERS.limit, detail.limit);
    res.setHeader(RATE_LIMIT_HEADERS.remaining, 0);
    res.setHeader(RATE_LIMIT_HEADERS.reset, detail.timeToExpire);
    throw new ThrottlerException(
      `Rate limit exceeded: ${detail.limit} requests per ${detail.ttl / 1000} s. Retry after ${detail.timeToBlockExpire} s.`,
    );
  }
}
