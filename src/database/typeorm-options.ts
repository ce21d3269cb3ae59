import type { DataSourceOptions } from 'typeorm';
import { MIGRATIONS } from './migrations';

/** Connections per process; the embedded server accepts exactly this many. */
export const DB_POOL_MAX = 10;

/** The one place that builds TypeORM options: used by the app and by `ormconfig.ts` (the CLI). */
export function buildTypeOrmOptions(url: string): DataSourceOptions {
  return {
    type: 'postgres',
    url,
    poolSize: DB_POOL_MAX,
    // Fail fast when the database is unreachable so requests get 503 instead of hanging.
    connectTimeoutMS: 3000,
    uuidExtension: 'pgcrypto',
    installExtensions: false,
    synchronize: false,
    migrationsRun: false,
    migrations: MIGRATIONS,
    migrationsTableName: 'migrations',
    migrationsTransactionMode: 'each',
    logging: ['error', 'migration'],
    extra: { idleTimeoutMillis: 30_000 },
  };
}
