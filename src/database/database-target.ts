import { join } from 'node:path';
import type { AppConfig } from '../config/app-config';
import { startEmbeddedPostgres } from './embedded-postgres';
import { DatabaseConnection, EMBEDDED_POOL_SIZE, POSTGRES_POOL_SIZE } from './typeorm-options';

/** Where the app's database lives: a PostgreSQL URL, or the embedded database it started. */
export interface DatabaseTarget extends DatabaseConnection {
  readonly embedded: boolean;
  close(): Promise<void>;
}

// The embedded server allows a few connections beyond the pool, so a reconnect never finds it full.
const EMBEDDED_MAX_CONNECTIONS = EMBEDDED_POOL_SIZE + 3;

export async function openDatabaseTarget(config: AppConfig): Promise<DatabaseTarget> {
  if (config.databaseUrl) {
    return { url: config.databaseUrl, poolSize: POSTGRES_POOL_SIZE, embedded: false, close: async () => undefined };
  }
  const embedded = await startEmbeddedPostgres(join(config.dataDir, 'pglite'), EMBEDDED_MAX_CONNECTIONS);
  return { url: embedded.url, poolSize: EMBEDDED_POOL_SIZE, embedded: true, close: () => embedded.close() };
}
