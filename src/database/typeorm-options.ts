import type { DataSourceOptions } from 'typeorm';
import { MIGRATIONS } from './migrations';

/** Where to connect, and with how many pooled connections. */
export interface DatabaseConnection {
  readonly url: string;
  readonly poolSize: number;
}

/** Connections per process on PostgreSQL. */
export const POSTGRES_POOL_SIZE = 10;

/**
 * One connection for the embedded database: pglite-socket serialises protocol messages across
 * connections, and with a transaction open on one connection the extended-protocol messages of the
 * others can interleave and come back with another connection's rows. PGlite runs one query at a
 * time anyway, so a single connection costs no throughput, only queueing in the pool.
 */
export const EMBEDDED_POOL_SIZE = 1;

/** The one place that builds TypeORM options: used by the app and by `ormconfig.ts` (the CLI). */
export function buildTypeOrmOptions({ url, poolSize }: DatabaseConnection): DataSourceOptions {
  return {
    type: 'postgres',
    url,
    poolSize,
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
