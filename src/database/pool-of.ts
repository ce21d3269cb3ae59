import type { Pool } from 'pg';
import type { DataSource } from 'typeorm';

/** TypeORM's `pg` pool, shared with better-auth so the process has one set of connections. */
export function poolOf(dataSource: DataSource): Pool {
  return (dataSource.driver as unknown as { master: Pool }).master;
}
