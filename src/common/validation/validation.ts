import { ParseUUIDPipe, ValidationError, ValidationPipe } from '@nestjs/common';
import { FieldError, ValidationFailedException } from '../http/problem-details';

/** Flattens class-validator's tree into `{field, message}` pairs with dotted paths (`items.0.name`). */
export function toFieldErrors(errors: ValidationError[], parent = ''): FieldError[] {
  return errors.flatMap((error) => {
    const field = parent ? `${parent}.${error.property}` : error.property;
    const own = Object.values(error.constraints ?? {}).map((message) => ({ field, message }));
    return [...own, ...toFieldErrors(error.children ?? [], field)];
  });
}

/** Unknown fields are rejected, not silently dropped, so a typo in a client never goes unnoticed. */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    validationError: { target: false, value: false },
    exceptionFactory: (errors) => new ValidationFailedException(toFieldErrors(errors)),
  });
}

/** Path ids are UUIDs; anything else is a 400 naming the parameter, before any query runs. */
export function uuidPipe(field = 'id'): ParseUUIDPipe {
  return new ParseUUIDPipe({
    exceptionFactory: () => new ValidationFailedException([{ field, message: `${field} must be a UUID` }]),
  });
}
