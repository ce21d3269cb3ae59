import { join } from 'node:path';
import type { AppConfig } from '../config/app-config';
import { startEmbeddedPostgres } from './embedded-postgres';
import { DB_POOL_MAX } from './typeorm-options';

/** Where the app's database lives: a PostgreSQL URL, or the embedded database it started. */
export interface DatabaseTarget {
  readonly url: string;
  readonly embedded: boolean;
  close(): Promise<void>;
}

export async function openDatabaseTarget(config: AppConfig): Promise<DatabaseTarget> {
  if (config.databaseUrl) {
    return { url: config.databaseUrl, embedded: false, close: async () => undefined };
  }
  const embedded = await startEmbeddedPostgres(join(config.dataDir, 'pglite'), DB_POOL_MAX);
  return { url: embedded.url, embedded: true, close: () => embedded.close() };
}
