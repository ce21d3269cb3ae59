import type { EmbeddedPostgres } from '../../src/database/embedded-postgres';

export default async function globalTeardown(): Promise<void> {
  await (globalThis as { __EMBEDDED_DB__?: EmbeddedPostgres }).__EMBEDDED_DB__?.close();
}
