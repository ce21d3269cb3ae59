import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AppConfig } from '../config/app-config';

/**
 * The configured `BETTER_AUTH_SECRET`, or (outside production, where config validation already
 * demands one) a secret generated once and kept in `DATA_DIR` with mode 0600, so development
 * sessions survive a restart.
 */
export function resolveAuthSecret(config: AppConfig): string {
  if (config.auth.secret) return config.auth.secret;
  const file = join(config.dataDir, 'better-auth-secret');
  const existing = readIfPresent(file);
  if (existing) return existing;
  mkdirSync(config.dataDir, { recursive: true });
  try {
    writeFileSync(file, randomBytes(32).toString('base64url'), { mode: 0o600, flag: 'wx' });
  } catch (error) {
    // Another process created it first: use theirs.
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  return readFileSync(file, 'utf8').trim();
}

function readIfPresent(file: string): string | undefined {
  try {
    return readFileSync(file, 'utf8').trim() || undefined;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}
