import type { MigrationInterface } from 'typeorm';
import { AuthTables1764800000000 } from './1764800000000-auth-tables';
import { ApiKeys1764900000000 } from './1764900000000-api-keys';
import { ToursAndEvents1764900002000 } from './1764900002000-tours-and-events';

type MigrationClass = new () => MigrationInterface;

/**
 * Every migration, oldest first. Listed explicitly (not globbed) so the app, the CLI and the tests
 * run the same set whether the code runs from `src/` or `dist/`; add a generated migration here.
 */
export const MIGRATIONS: MigrationClass[] = [AuthTables1764800000000, ApiKeys1764900000000, ToursAndEvents1764900002000];
