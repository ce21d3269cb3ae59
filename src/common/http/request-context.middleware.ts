import { randomUUID } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';
import type { JsonLogger } from '../logging/json-logger';

declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace Express {
    interface Request {
      /** Echoed in `X-Request-Id` and in every log line about this request. */
      requestId: string;
    }
  }
}

export const REQUEST_ID_HEADER = 'X-Request-Id';
const CLIENT_REQUEST_ID = /^[A-Za-z0-9._-]{1,64}$/;

/**
 * First middleware of the app: gives the request an id (a caller's well-formed `X-Request-Id` is kept
 * for tracing across services) and writes one log line when the response is finished. Only the
 * path is logged, not the query string, and no headers, so no credential can reach the logs.
 */
export function requestContext(logger: JsonLogger) {
  return (req: Request, res: Response, next: NextFunction): void => {
    const incoming = req.headers['x-request-id'];
    req.requestId = typeof incoming === 'string' && CLIENT_REQUEST_ID.test(incoming) ? incoming : randomUUID();
    res.setHeader(REQUEST_ID_HEADER, req.requestId);
    if (!logger.enabled('info')) return next();
    const started = process.hrtime.bigint();
    res.on('finish', () => {
      logger.emit('info', 'request', {
        requestId: req.requestId,
        method: req.method,
        path: req.originalUrl.split('?', 1)[0],
        status: res.statusCode,
        durationMs: Number(process.hrtime.bigint() - started) / 1e6,
        principalId: req.principal?.userId,
        ip: req.ip,
      });
    });
    next();
  };
}
