import { Transform } from 'class-transformer';
import { ValidateIf } from 'class-validator';

/** Strips surrounding whitespace before validation, so `"  "` fails a minimum length. */
export const Trim = (): PropertyDecorator =>
  Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value));

/** Upper-cases a string before validation (codes such as countries are accepted in any case). */
export const UpperCase = (): PropertyDecorator =>
  Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.toUpperCase() : value));

/**
 * The field may be left out, but when present it is validated, `null` included. Use it instead of
 * `@IsOptional()` (which lets `null` through) for fields whose column is NOT NULL.
 */
export const OptionalNotNull = (): PropertyDecorator => ValidateIf((_object, value: unknown) => value !== undefined);

/**
 * A query-string integer written in plain decimal digits. `Number()` would also accept `1e1`, `0x10`
 * or `  7 `; anything but digits stays a string here and fails `@IsInt()` with a 400.
 */
export const DecimalInteger = (): PropertyDecorator =>
  Transform(({ value }: { value: unknown }) => (typeof value === 'string' && /^-?\d{1,30}$/.test(value) ? Number(value) : value));
