import { SetMetadata } from '@nestjs/common';
import type { Role } from '../principal';

export const ROLES = 'roles';

/** Restricts a route (or controller) to principals with one of these roles; others get 403. */
export const Roles = (...roles: Role[]): MethodDecorator & ClassDecorator => SetMetadata(ROLES, roles);
