import { ValidationFailedException } from '../http/problem-details';

export interface RangeBound<T> {
  field: string;
  value: T | null | undefined;
}

/**
 * A range whose end precedes its start is a 400 naming the end field. Both create and update call
 * it on the final (merged) values, so a PATCH of one bound is checked against the stored other one.
 * Works for `Date`s and for `YYYY-MM-DD` strings (which sort chronologically).
 */
export function assertOrderedRange<T extends Date | string>(start: RangeBound<T>, end: RangeBound<T>): void {
  if (start.value == null || end.value == null) return;
  const startKey = start.value instanceof Date ? start.value.getTime() : start.value;
  const endKey = end.value instanceof Date ? end.value.getTime() : end.value;
  if (endKey < startKey) {
    throw new ValidationFailedException([{ field: end.field, message: `${end.field} must not be before ${start.field}` }]);
  }
}
