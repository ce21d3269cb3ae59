import { createParamDecorator, ExecutionContext, InternalServerErrorException } from '@nestjs/common';
import type { Request } from 'express';
import type { Principal } from '../principal';

/** The authenticated caller. Only meaningful on routes that are not `@Public()`. */
export const CurrentPrincipal = createParamDecorator((_: unknown, ctx: ExecutionContext): Principal => {
  const principal = ctx.switchToHttp().getRequest<Request>().principal;
  // The global AuthGuard guarantees a principal on non-public routes; reaching this is a wiring bug.
  if (!principal) throw new InternalServerErrorException('No principal on an authenticated route');
  return principal;
});
