import { ForbiddenException } from '@nestjs/common';
import type { Principal } from '../../auth/principal';
import { assertCreatorOrAdmin } from './ownership';

const member = (userId: string): Principal => ({ userId, role: 'member', method: 'session' });

describe('assertCreatorOrAdmin', () => {
  it('lets the creator and any admin through', () => {
    expect(() => assertCreatorOrAdmin('u1', member('u1'), 'tour')).not.toThrow();
    expect(() => assertCreatorOrAdmin('u1', { ...member('u2'), role: 'admin' }, 'tour')).not.toThrow();
    expect(() => assertCreatorOrAdmin(null, { ...member('u2'), role: 'admin' }, 'tour')).not.toThrow();
  });

  it('refuses other members, also when the creator was deleted', () => {
    expect(() => assertCreatorOrAdmin('u1', member('u2'), 'tour')).toThrow(ForbiddenException);
    expect(() => assertCreatorOrAdmin(null, member('u2'), 'event')).toThrow('Only the creator of this event or an admin may delete it.');
  });
});
