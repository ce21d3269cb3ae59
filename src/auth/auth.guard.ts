import {
  CanActivate,
  ExecutionContext,
  ForbiddenException,
  Inject,
  Injectable,
  UnauthorizedException,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request, Response } from 'express';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { Authenticator } from './authenticator.service';
import { IS_PUBLIC } from './decorators/public.decorator';
import { ROLES } from './decorators/roles.decorator';
import type { Principal, Role } from './principal';

const UNSAFE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * The global, deny-by-default guard: a route is open only with `@Public()`. It requires a
 * principal, refuses cross-site cookie requests with unsafe methods (CSRF), and enforces `@Roles`.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  private readonly trustedOrigins: ReadonlySet<string>;

  constructor(
    private readonly reflector: Reflector,
    private readonly authenticator: Authenticator,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.trustedOrigins = new Set(config.auth.trustedOrigins);
  }

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets)) return true;

    const http = context.switchToHttp();
    const req = http.getRequest<Request>();
    const outcome = await this.authenticator.authenticate(req, http.getResponse<Response>());
    if (!outcome.principal) throw new UnauthorizedException(outcome.failure);

    if (outcome.principal.method === 'session' && UNSAFE_METHODS.has(req.method) && !this.isSameSite(req)) {
      throw new ForbiddenException('Cross-site request refused: the Origin is not trusted.');
    }
    this.assertRole(outcome.principal, this.reflector.getAllAndOverride<Role[] | undefined>(ROLES, targets));
    return true;
  }

  /** Browsers send `Origin` on unsafe requests; without it only `Sec-Fetch-Site: same-origin` will do. */
  private isSameSite(req: Request): boolean {
    const origin = req.headers.origin;
    if (origin !== undefined) return this.trustedOrigins.has(origin);
    return req.headers['sec-fetch-site'] === 'same-origin';
  }

  private assertRole(principal: Principal, roles: Role[] | undefined): void {
    if (roles && !roles.includes(principal.role)) {
      throw new ForbiddenException(`This action requires the ${roles.join(' or ')} role.`);
    }
  }
}
