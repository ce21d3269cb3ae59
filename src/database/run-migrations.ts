import { DataSource, MigrationExecutor } from 'typeorm';

// Arbitrary constant shared by every instance of this app.
const MIGRATION_LOCK_ID = 72_617_001;

/**
 * Runs pending migrations under a PostgreSQL advisory lock, so instances that start together apply
 * each migration once. Lock and migrations share one connection: the embedded database's pool has
 * a single connection, which a second one would wait for forever.
 */
export async function runMigrations(dataSource: DataSource): Promise<void> {
  const runner = dataSource.createQueryRunner();
  await runner.connect();
  try {
    await runner.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_ID]);
    const executor = new MigrationExecutor(dataSource, runner);
    executor.transaction = 'each';
    await executor.executePendingMigrations();
  } finally {
    await runner.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_ID]).catch(() => undefined);
    await runner.release();
  }
}
