import { DataSource } from 'typeorm';
import { resolveAuthSecret } from '../auth/auth-secret';
import { createBetterAuth } from '../auth/better-auth.factory';
import type { Role } from '../auth/principal';
import { JsonLogger } from '../common/logging/json-logger';
import type { AppConfig } from '../config/app-config';
import { openDatabaseTarget } from '../database/database-target';
import { runMigrations } from '../database/run-migrations';
import { poolOf } from '../database/pool-of';
import { buildTypeOrmOptions } from '../database/typeorm-options';

export interface NewUser {
  email: string;
  name: string;
  password: string;
  role: Role;
}

/**
 * Creates a user through better-auth's admin API (server-side, so no session is needed), on the
 * configured database, embedded or not; migrations run first so it works on a fresh deployment.
 */
export async function createUser(config: AppConfig, input: NewUser): Promise<{ id: string; email: string; role: Role }> {
  const logger = new JsonLogger('warn', (line) => process.stderr.write(line));
  const database = await openDatabaseTarget(config);
  const dataSource = new DataSource(buildTypeOrmOptions(database));
  try {
    await dataSource.initialize();
    await runMigrations(dataSource);
    const auth = createBetterAuth(config, poolOf(dataSource), resolveAuthSecret(config), logger);
    const { user } = await auth.api.createUser({ body: { email: input.email, password: input.password, name: input.name, role: input.role } });
    // The first user ever becomes admin whatever was asked (the database trigger's rule): report the truth.
    const [row] = await dataSource.query<Array<{ role: Role }>>('SELECT role FROM users WHERE id = $1', [user.id]);
    return { id: user.id, email: user.email, role: row.role };
  } finally {
    if (dataSource.isInitialized) await dataSource.destroy();
    await database.close();
  }
}
