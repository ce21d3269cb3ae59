import { buildMessage, ValidateBy, ValidationOptions } from 'class-validator';

const CALENDAR_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
// RFC 3339: seconds and fraction optional, the offset required, so an instant is never ambiguous.
const TIMESTAMP_WITH_OFFSET = /^(\d{4}-\d{2}-\d{2})T([01]\d|2[0-3]):[0-5]\d(:[0-5]\d(\.\d+)?)?(Z|[+-]([01]\d|2[0-3]):[0-5]\d)$/;
// Region/City shapes only: newer ICU versions also accept offsets such as "+01:00", which are not IANA names.
const TIME_ZONE_NAME = /^[A-Za-z][A-Za-z0-9_+-]*(\/[A-Za-z0-9_+-]+)*$/;

/** `YYYY-MM-DD` naming a day that exists (no 2026-02-30), years 0001–9999. */
export function isCalendarDate(value: unknown): value is string {
  const match = typeof value === 'string' ? CALENDAR_DATE.exec(value) : null;
  if (!match) return false;
  const [year, month, day] = match.slice(1).map(Number);
  return year >= 1 && month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}

/** An ISO 8601 / RFC 3339 timestamp with `Z` or a `±HH:MM` offset, e.g. `2026-06-01T19:30:00+02:00`. */
export function isTimestampWithOffset(value: unknown): value is string {
  const match = typeof value === 'string' ? TIMESTAMP_WITH_OFFSET.exec(value) : null;
  return match !== null && isCalendarDate(match[1]) && !Number.isNaN(Date.parse(value as string));
}

// Names found valid, since building an Intl.DateTimeFormat to ask ICU costs ~60 µs per event written.
// Capped: ICU accepts any letter case, so callers could otherwise add variants without end.
const knownTimeZones = new Set<string>();
const MAX_KNOWN_TIME_ZONES = 1000;

/** A time-zone name that the runtime's IANA database (ICU) knows, e.g. `Europe/Paris`, `UTC`. */
export function isIanaTimeZone(value: unknown): value is string {
  if (typeof value !== 'string' || value.length > 64 || !TIME_ZONE_NAME.test(value)) return false;
  if (knownTimeZones.has(value)) return true;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: value });
  } catch {
    return false;
  }
  if (knownTimeZones.size < MAX_KNOWN_TIME_ZONES) knownTimeZones.add(value);
  return true;
}

function daysInMonth(year: number, month: number): number {
  if (month !== 2) return [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1];
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  return leap ? 29 : 28;
}

function validator(name: string, validate: (value: unknown) => boolean, expectation: string, options?: ValidationOptions): PropertyDecorator {
  return ValidateBy({ name, validator: { validate, defaultMessage: buildMessage((each) => `${each}$property must be ${expectation}`, options) } }, options);
}

export const IsCalendarDate = (options?: ValidationOptions): PropertyDecorator =>
  validator('isCalendarDate', isCalendarDate, 'a date as YYYY-MM-DD', options);

export const IsTimestampWithOffset = (options?: ValidationOptions): PropertyDecorator =>
  validator('isTimestampWithOffset', isTimestampWithOffset, 'an ISO 8601 timestamp with a time-zone offset, e.g. 2026-06-01T19:30:00+02:00', options);

export const IsIanaTimeZone = (options?: ValidationOptions): PropertyDecorator =>
  validator('isIanaTimeZone', isIanaTimeZone, 'an IANA time-zone name, e.g. Europe/Paris', options);
