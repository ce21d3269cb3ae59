import { JsonLogger, redactHeaders } from './json-logger';

describe('JsonLogger', () => {
  it('writes one JSON object per line and honours the level', () => {
    const lines: string[] = [];
    const logger = new JsonLogger('warn', (line) => lines.push(line));
    logger.log('ignored');
    logger.warn('careful', 'Ctx');
    logger.error('boom', 'stack here', 'Ctx');
    expect(lines).toHaveLength(2);
    expect(lines.every((l) => l.endsWith('\n'))).toBe(true);
    const [warn, error] = lines.map((l) => JSON.parse(l));
    expect(warn).toMatchObject({ level: 'warn', msg: 'careful', context: 'Ctx' });
    expect(error).toMatchObject({ level: 'error', msg: 'boom', stack: 'stack here', context: 'Ctx' });
  });

  it('redacts credentials in headers whatever their case', () => {
    expect(
      redactHeaders({ Authorization: 'Bearer x', cookie: 'a=b', 'set-cookie': ['c'], accept: 'json' }),
    ).toEqual({ Authorization: '[redacted]', cookie: '[redacted]', 'set-cookie': '[redacted]', accept: 'json' });
  });
});
