import { ForbiddenException } from '@nestjs/common';
import type { Principal } from '../../auth/principal';

/** Destructive actions on shared resources belong to whoever created the resource, or to an admin. */
export function assertCreatorOrAdmin(createdBy: string | null, principal: Principal, resource: string): void {
  if (principal.role === 'admin' || (createdBy !== null && createdBy === principal.userId)) return;
  throw new ForbiddenException(`Only the creator of this ${resource} or an admin may delete it.`);
}
