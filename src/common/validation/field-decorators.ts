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
