import { expectProblem } from './problem';

type FieldError = { field: string; message: string };

/**
 * Asserts a 400 problem whose `errors` name `field` (with a message matching `message`, when
 * given), and returns the errors for further checks.
 */
export function expectFieldError(res: Parameters<typeof expectProblem>[0], field: string, message?: RegExp): FieldError[] {
  const errors = expectProblem(res, 400).errors as FieldError[];
  expect(errors).toEqual(expect.arrayContaining([expect.objectContaining({ field, ...(message ? { message: expect.stringMatching(message) } : {}) })]));
  return errors;
}
