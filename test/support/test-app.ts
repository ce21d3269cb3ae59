import type { ModuleMetadata } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import request from 'supertest';
import { createApp } from '../../src/app.factory';
import { JsonLogger } from '../../src/common/logging/json-logger';
import type { AppConfig } from '../../src/config/app-config';
import { loadConfig } from '../../src/config/load-config';
import { EMBEDDED_POOL_SIZE, POSTGRES_POOL_SIZE } from '../../src/database/typeorm-options';

/** The origin tests present as "the dashboard" (BETTER_AUTH_URL's default origin). */
export const TRUSTED_ORIGIN = 'http://localhost:3000';

export interface TestApp {
  app: NestExpressApplication;
  config: AppConfig;
  /** Base URL of the listening server, e.g. http://127.0.0.1:41234. */
  url: string;
  /** Every log line the app wrote, parsed. */
  logs: Array<Record<string, unknown>>;
  /** The raw log text, for searching secrets. */
  rawLogs: () => string;
  http: () => ReturnType<typeof request>;
  close: () => Promise<void>;
}

export interface TestAppOptions {
  env?: Record<string, string>;
  imports?: ModuleMetadata['imports'];
  databaseUrl?: string;
  /** Listen on this port instead of a random one (a browser test needs BETTER_AUTH_URL to match). */
  port?: number;
}

export function testDatabaseUrl(): string {
  const url = process.env.TEST_DATABASE_URL;
  if (!url) throw new Error('TEST_DATABASE_URL is not set: run the e2e suite through jest (global setup).');
  return url;
}

/** Boots the real application (createApp, as main.ts does) on a random 127.0.0.1 port. */
export async function startTestApp(options: TestAppOptions = {}): Promise<TestApp> {
  const config = loadConfig({
    NODE_ENV: 'test',
    DATA_DIR: mkdtempSync(join(tmpdir(), 'tke-data-')),
    BETTER_AUTH_SECRET: 'test-secret-test-secret-test-secret-0123',
    LOG_LEVEL: 'info',
    ...options.env,
  });
  const lines: string[] = [];
  const logger = new JsonLogger(config.logLevel, (line) => lines.push(line));
  const database = {
    url: options.databaseUrl ?? testDatabaseUrl(),
    poolSize: process.env.TEST_DATABASE_EMBEDDED ? EMBEDDED_POOL_SIZE : POSTGRES_POOL_SIZE,
  };
  const app = await createApp({ config, database, logger, imports: options.imports });
  await app.listen(options.port ?? 0, '127.0.0.1');
  const url = (await app.getUrl()).replace('[::1]', '127.0.0.1');
  return {
    app,
    config,
    url,
    get logs() {
      return lines.map((l) => JSON.parse(l) as Record<string, unknown>);
    },
    rawLogs: () => lines.join(''),
    http: () => request(app.getHttpServer()),
    close: () => app.close(),
  };
}

/** Runs SQL directly against the test database (to inspect rows or set up states). */
export async function withDb<T>(fn: (db: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: testDatabaseUrl() });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/** Empties every table but the migration history, so a file starts from a blank instance. */
export async function resetDatabase(): Promise<void> {
  await withDb(async (db) => {
    const { rows } = await db.query<{ tablename: string }>(
      `SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tablename <> 'migrations'`,
    );
    if (rows.length > 0) {
      await db.query(`TRUNCATE ${rows.map((r) => `"${r.tablename}"`).join(', ')} CASCADE`);
    }
  });
}
