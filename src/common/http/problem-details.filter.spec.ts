import type { ArgumentsHost } from '@nestjs/common';
import { JsonLogger } from '../logging/json-logger';
import { ProblemDetailsFilter } from './problem-details.filter';

/** Runs the filter on `error` with a fake Express response and returns the status and body sent. */
function answer(error: unknown): { status: number; body: Record<string, unknown> } {
  const sent = { status: 0, body: {} as Record<string, unknown> };
  const res = {
    headersSent: false,
    setHeader: () => res,
    hasHeader: () => false,
    status: (status: number) => ((sent.status = status), res),
    type: () => res,
    send: (text: string) => ((sent.body = JSON.parse(text)), res),
  };
  const host = { switchToHttp: () => ({ getRequest: () => ({ headers: {}, originalUrl: '/x' }), getResponse: () => res }) };
  new ProblemDetailsFilter(new JsonLogger('silent')).catch(error, host as unknown as ArgumentsHost);
  return sent;
}

describe('ProblemDetailsFilter: database constraint errors', () => {
  it.each([
    ['a foreign key violation (23503)', '23503'],
    ['a RESTRICT violation as PostgreSQL 18 reports it (23001)', '23001'],
  ])('answers %s with 409 and no SQL', (_case, code) => {
    const error = Object.assign(new Error('update or delete on table "tours" violates foreign key constraint'), { driverError: { code } });
    const { status, body } = answer(error);
    expect(status).toBe(409);
    expect(JSON.stringify(body)).not.toMatch(/tours|constraint/);
  });
});

describe('ProblemDetailsFilter: other errors', () => {
  it.each([
    ['a unique violation', { code: '23505' }, 409],
    ['a CHECK violation', { code: '23514' }, 400],
    ['text that is not a UUID', { code: '22P02' }, 400],
    ['a refused connection', { code: 'ECONNREFUSED' }, 503],
    ['a server shutting down', { code: '57P01' }, 503],
  ])('answers %s with %s and no SQL', (_case, driverError, expected) => {
    const error = Object.assign(new Error('SELECT secret FROM "users" failed'), { driverError });
    const { status, body } = answer(error);
    expect(status).toBe(expected);
    expect(JSON.stringify(body)).not.toMatch(/SELECT|users|secret/);
  });

  it('answers anything unexpected with a generic 500', () => {
    const { status, body } = answer(new TypeError("Cannot read properties of undefined (reading 'x')"));
    expect(status).toBe(500);
    expect(body).toEqual({ type: 'about:blank', title: 'Internal Server Error', status: 500, detail: 'An unexpected error occurred.' });
  });
});
