import { HttpException, HttpStatus } from '@nestjs/common';
import { STATUS_CODES } from 'node:http';

export interface FieldError {
  field: string;
  message: string;
}

/** RFC 9457 problem details: the body of every error response under `/api/v1` and `/health`. */
export interface ProblemDetails {
  type: string;
  title: string;
  status: number;
  detail: string;
  instance?: string;
  errors?: FieldError[];
}

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

export function problem(status: number, detail: string, errors?: FieldError[]): ProblemDetails {
  return {
    type: 'about:blank',
    title: STATUS_CODES[status] ?? 'Error',
    status,
    detail,
    ...(errors ? { errors } : {}),
  };
}

/** A 400 that lists each offending field; thrown by the validation pipe and by domain rules. */
export class ValidationFailedException extends HttpException {
  constructor(readonly errors: FieldError[], detail = 'The request has invalid fields.') {
    super({ message: detail, errors }, HttpStatus.BAD_REQUEST);
  }
}
