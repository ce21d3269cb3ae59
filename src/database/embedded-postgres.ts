import { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface EmbeddedPostgres {
  /** `postgres://` URL of the socket server on 127.0.0.1, for the ordinary `pg` driver. */
  readonly url: string;
  close(): Promise<void>;
}

/**
 * Serves a PGlite database kept in `dir` on a random 127.0.0.1 port, so the app, better-auth and the
 * TypeORM CLI all use the same `pg` driver as with a real PostgreSQL. `maxConnections` must be at
 * least the pool size: the server refuses connections beyond it.
 */
export async function startEmbeddedPostgres(dir: string, maxConnections: number): Promise<EmbeddedPostgres> {
  mkdirSync(dir, { recursive: true });
  const release = acquireLock(dir);
  let db: PGlite | undefined;
  try {
    db = await PGlite.create(dir);
    const server = new PGLiteSocketServer({ db, host: '127.0.0.1', port: 0, maxConnections });
    await server.start();
    let closing: Promise<void> | undefined;
    return {
      url: `postgres://postgres@${server.getServerConn()}/postgres`,
      close: () =>
        (closing ??= (async () => {
          await server.stop();
          await db!.close();
          release();
        })()),
    };
  } catch (error) {
    await db?.close().catch(() => undefined);
    release();
    throw error;
  }
}

/**
 * PGlite corrupts a data folder that two processes open at once (for instance the app and the
 * migration CLI), so a pid file guards it; a stale file from a crashed process is taken over.
 */
function acquireLock(dir: string): () => void {
  const lockFile = join(dir, 'app.lock');
  try {
    const holder = Number(readFileSync(lockFile, 'utf8'));
    if (holder && holder !== process.pid && isAlive(holder)) {
      throw new Error(
        `The embedded database in ${dir} is in use by process ${holder}; stop it first (or set DATABASE_URL).`,
      );
    }
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  writeFileSync(lockFile, String(process.pid));
  return () => rmSync(lockFile, { force: true });
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
