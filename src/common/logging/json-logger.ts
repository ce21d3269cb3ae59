import type { LoggerService } from '@nestjs/common';
import type { LogLevel } from '../../config/app-config';

const SEVERITY: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40, silent: 100 };

export type LogFields = Record<string, unknown>;

/**
 * One JSON object per line on stdout. Used as Nest's logger and for request logs. Callers pass
 * fields, never raw headers: `redactHeaders` exists for the few places that must show them.
 */
export class JsonLogger implements LoggerService {
  private readonly threshold: number;

  constructor(level: LogLevel = 'info', private readonly write: (line: string) => void = (line) => process.stdout.write(line)) {
    this.threshold = SEVERITY[level];
  }

  enabled(level: Exclude<LogLevel, 'silent'>): boolean {
    return SEVERITY[level] >= this.threshold;
  }

  emit(level: Exclude<LogLevel, 'silent'>, msg: string, fields: LogFields = {}): void {
    if (!this.enabled(level)) return;
    this.write(`${JSON.stringify({ time: new Date().toISOString(), level, msg, ...fields })}\n`);
  }

  log(message: unknown, context?: string): void {
    this.emit('info', String(message), context ? { context } : {});
  }

  warn(message: unknown, context?: string): void {
    this.emit('warn', String(message), context ? { context } : {});
  }

  error(message: unknown, stackOrContext?: string, context?: string): void {
    const fields: LogFields = {};
    if (context) {
      fields.context = context;
      if (stackOrContext) fields.stack = stackOrContext;
    } else if (stackOrContext) {
      fields.context = stackOrContext;
    }
    this.emit('error', message instanceof Error ? message.message : String(message), fields);
  }

  debug(message: unknown, context?: string): void {
    this.emit('debug', String(message), context ? { context } : {});
  }

  verbose(message: unknown, context?: string): void {
    this.debug(message, context);
  }
}

const SECRET_HEADERS = new Set(['authorization', 'cookie', 'set-cookie', 'proxy-authorization', 'x-api-key']);

export function redactHeaders(headers: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(headers).map(([name, value]) => [name, SECRET_HEADERS.has(name.toLowerCase()) ? '[redacted]' : value]),
  );
}
