export const PG_UNIQUE_VIOLATION = '23505';
export const PG_FOREIGN_KEY_VIOLATION = '23503';
/** PostgreSQL 18 reports an `ON DELETE RESTRICT` violation with this code instead of 23503. */
export const PG_RESTRICT_VIOLATION = '23001';
/**
 * Values the database refused (a CHECK constraint, text that is not a number or a date, a value out of
 * range). Validation catches these first; the database is the last line, answered as bad input.
 */
export const PG_INVALID_VALUE_CODES: ReadonlySet<string> = new Set(['23514', '22P02', '22007', '22008', '22003', '22001']);

const UNAVAILABLE_CODES = new Set([
  'ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EHOSTUNREACH',
  '57P01', '57P02', '57P03', // admin shutdown, crash shutdown, cannot connect now
  '08000', '08001', '08003', '08004', '08006', // connection exceptions
]);

/** The SQLSTATE of a `pg` error, also when TypeORM wraps it in a QueryFailedError. */
export function postgresCode(error: unknown): string | undefined {
  const e = error as { code?: unknown; driverError?: { code?: unknown } } | null;
  const code = e?.driverError?.code ?? e?.code;
  return typeof code === 'string' ? code : undefined;
}

export const DATABASE_UNAVAILABLE_DETAIL = 'The database is unavailable; retry shortly.';

/** True when the error means "the database cannot be reached right now" (answered with 503). */
export function isDatabaseUnavailable(error: unknown): boolean {
  const code = postgresCode(error);
  if (code && UNAVAILABLE_CODES.has(code)) return true;
  const message = error instanceof Error ? error.message : '';
  return /Connection terminated|timeout exceeded when trying to connect|connect ECONNREFUSED|Client has encountered a connection error/i.test(
    message,
  );
}
