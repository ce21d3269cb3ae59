import type { Logger } from 'typeorm';
import type { JsonLogger } from '../common/logging/json-logger';

/**
 * TypeORM's messages through the app's JSON logger. Query parameters are never logged: they carry
 * user data (emails, names) and key hashes. Failed and slow statements are logged as SQL text only.
 */
export class TypeOrmJsonLogger implements Logger {
  constructor(private readonly logger: JsonLogger) {}

  logQuery(): void {}

  logSchemaBuild(): void {}

  logQueryError(error: string | Error, query: string): void {
    this.logger.emit('error', 'query failed', { context: 'typeorm', error: error instanceof Error ? error.message : error, query });
  }

  logQuerySlow(time: number, query: string): void {
    this.logger.emit('warn', 'slow query', { context: 'typeorm', durationMs: time, query });
  }

  logMigration(message: string): void {
    this.logger.emit('info', message, { context: 'typeorm' });
  }

  log(level: 'log' | 'info' | 'warn', message: unknown): void {
    this.logger.emit(level === 'warn' ? 'warn' : 'info', String(message), { context: 'typeorm' });
  }
}
