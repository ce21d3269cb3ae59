import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus } from '@nestjs/common';
import type { Request, Response } from 'express';
import type { JsonLogger } from '../logging/json-logger';
import { redactHeaders } from '../logging/json-logger';
import {
  DATABASE_UNAVAILABLE_DETAIL,
  isDatabaseUnavailable,
  PG_FOREIGN_KEY_VIOLATION,
  PG_INVALID_VALUE_CODES,
  PG_RESTRICT_VIOLATION,
  PG_UNIQUE_VIOLATION,
  postgresCode,
} from './database-errors';
import { PROBLEM_CONTENT_TYPE, ProblemDetails, ValidationFailedException, problem } from './problem-details';

export const WWW_AUTHENTICATE = 'WWW-Authenticate';

/** Writes a problem response, with the headers its status calls for. */
export function sendProblem(req: Request, res: Response, body: ProblemDetails): void {
  if (res.headersSent) return;
  if (body.status === HttpStatus.UNAUTHORIZED) {
    const sentToken = /^\s*bearer\b/i.test(req.headers.authorization ?? '');
    res.setHeader(WWW_AUTHENTICATE, sentToken ? 'Bearer realm="api", error="invalid_token"' : 'Bearer realm="api"');
  }
  if (body.status === HttpStatus.SERVICE_UNAVAILABLE && !res.hasHeader('Retry-After')) {
    res.setHeader('Retry-After', '5');
  }
  res.status(body.status).type(PROBLEM_CONTENT_TYPE).send(JSON.stringify(body));
}

/**
 * The single place where errors become responses: every exception, from a guard, a pipe, a handler,
 * the body parser or the router, leaves as `application/problem+json` without internals.
 */
@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  constructor(private readonly logger: JsonLogger) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const ctx = host.switchToHttp();
    const req = ctx.getRequest<Request>();
    const res = ctx.getResponse<Response>();
    sendProblem(req, res, this.toProblem(exception, req));
  }

  private toProblem(exception: unknown, req: Request): ProblemDetails {
    if (exception instanceof ValidationFailedException) {
      return problem(HttpStatus.BAD_REQUEST, exception.message, exception.errors);
    }
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      if (status >= 500) this.logFailure(exception, req, status);
      return problem(status, this.detailOf(exception, status));
    }
    const code = postgresCode(exception);
    if (code === PG_UNIQUE_VIOLATION) {
      return problem(HttpStatus.CONFLICT, 'A resource with the same unique value already exists.');
    }
    if (code === PG_FOREIGN_KEY_VIOLATION || code === PG_RESTRICT_VIOLATION) {
      return problem(HttpStatus.CONFLICT, 'The request conflicts with related resources.');
    }
    if (code && PG_INVALID_VALUE_CODES.has(code)) {
      return problem(HttpStatus.BAD_REQUEST, 'A value in the request is not acceptable.');
    }
    if (isDatabaseUnavailable(exception)) {
      this.logFailure(exception, req, HttpStatus.SERVICE_UNAVAILABLE);
      return problem(HttpStatus.SERVICE_UNAVAILABLE, DATABASE_UNAVAILABLE_DETAIL);
    }
    this.logFailure(exception, req, HttpStatus.INTERNAL_SERVER_ERROR);
    return problem(HttpStatus.INTERNAL_SERVER_ERROR, 'An unexpected error occurred.');
  }

  private detailOf(exception: HttpException, status: number): string {
    if (status === HttpStatus.NOT_FOUND && /^Cannot [A-Z]+ /.test(exception.message)) {
      return 'No such route.';
    }
    if (status === HttpStatus.PAYLOAD_TOO_LARGE) return 'The request body is larger than 100 kB.';
    // A 503 is thrown on purpose with a message meant for the caller; other 5xx details stay generic.
    if (status >= 500 && status !== HttpStatus.SERVICE_UNAVAILABLE) return 'An unexpected error occurred.';
    return exception.message;
  }

  private logFailure(exception: unknown, req: Request, status: number): void {
    const error = exception instanceof Error ? exception : new Error(String(exception));
    this.logger.emit('error', error.message, {
      requestId: req.requestId,
      status,
      method: req.method,
      path: req.originalUrl?.split('?', 1)[0],
      headers: redactHeaders(req.headers),
      stack: error.stack,
    });
  }
}
