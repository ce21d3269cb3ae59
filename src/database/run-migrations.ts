import type { DataSource } from 'typeorm';

// Arbitrary constant shared by every instance of this app.
const MIGRATION_LOCK_ID = 72_617_001;

/**
 * Runs pending migrations under a PostgreSQL advisory lock, so instances that start together apply
 * each migration once. The lock is session-level: it is not a transaction, so the embedded
 * database (one transaction at a time) can run the migrations on other connections meanwhile.
 */
export async function runMigrations(dataSource: DataSource): Promise<void> {
  const runner = dataSource.createQueryRunner();
  await runner.connect();
  try {
    await runner.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_ID]);
    await dataSource.runMigrations({ transaction: 'each' });
  } finally {
    await runner.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_ID]).catch(() => undefined);
    await runner.release();
  }
}
