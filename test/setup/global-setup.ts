import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startEmbeddedPostgres } from '../../src/database/embedded-postgres';

/**
 * One database per test run: PostgreSQL when TEST_DATABASE_URL is set, otherwise one embedded
 * PGlite started here (it takes seconds and ~800 MB to initialise, so never once per file).
 * Test apps open one connection each (as the app does on the embedded database); the server allows
 * several apps at once (two-instance tests) and direct test clients.
 */
export default async function globalSetup(): Promise<void> {
  if (process.env.TEST_DATABASE_URL) {
    process.stdout.write(`\ne2e: using PostgreSQL from TEST_DATABASE_URL\n`);
    return;
  }
  const dir = join(mkdtempSync(join(tmpdir(), 'tke-e2e-')), 'pglite');
  const embedded = await startEmbeddedPostgres(dir, 20);
  (globalThis as { __EMBEDDED_DB__?: typeof embedded }).__EMBEDDED_DB__ = embedded;
  process.env.TEST_DATABASE_URL = embedded.url;
  process.env.TEST_DATABASE_EMBEDDED = '1';
  process.stdout.write(`\ne2e: using embedded PGlite in ${dir}\n`);
}
