import { ValidationFailedException } from '../http/problem-details';
import { assertOrderedRange } from './ordered-range';

describe('assertOrderedRange', () => {
  const check = <T extends Date | string>(start: T | null, end: T | null) =>
    () => assertOrderedRange({ field: 'startsAt', value: start }, { field: 'endsAt', value: end });

  it('accepts an end after or equal to the start, and an open range', () => {
    expect(check(new Date('2026-06-01T10:00:00Z'), new Date('2026-06-01T10:00:00Z'))).not.toThrow();
    expect(check('2026-06-01', '2026-06-02')).not.toThrow();
    expect(check(null, '2026-06-02')).not.toThrow();
    expect(check('2026-06-01', null)).not.toThrow();
  });

  it('refuses an end before the start, naming the end field', () => {
    // Compared as instants: 12:00+02:00 is before 11:00Z.
    let caught: unknown;
    try {
      check(new Date('2026-06-01T11:00:00Z'), new Date('2026-06-01T12:00:00+02:00'))();
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ValidationFailedException);
    expect((caught as ValidationFailedException).errors).toEqual([{ field: 'endsAt', message: 'endsAt must not be before startsAt' }]);
    expect(check('2026-06-02', '2026-06-01')).toThrow(ValidationFailedException);
  });
});
