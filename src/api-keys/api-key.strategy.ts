import { Inject, Injectable } from '@nestjs/common';
import type { Request } from 'express';
import { ABSENT, AuthStrategy, StrategyResult } from '../auth/auth-strategy';
import { toRole } from '../auth/principal';
import { JsonLogger } from '../common/logging/json-logger';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { bearerKeyPattern, hashApiKey } from './api-key-format';
import { effectiveStatus } from './api-key.entity';
import { ApiKeysRepository } from './api-keys.repository';
import type { ApiKeyCredential } from './api-keys.repository';
import { LastUsedTracker } from './last-used-tracker';
import { VerifiedKeyCache } from './verified-key-cache';

const reject = (message: string): StrategyResult => Object.freeze({ kind: 'rejected', message });
const INVALID = reject('Invalid API key');
const REVOKED = reject('API key has been revoked');
const EXPIRED = reject('API key has expired');
const OWNER_BANNED = reject("The API key's owner is banned");

/**
 * `Authorization: Bearer <key>`. Runs on every key-authenticated request, so it stays lean: a
 * precompiled pattern rejects anything malformed, of another prefix or of the other environment
 * without touching the database; a valid-looking key costs one SHA-256 and one indexed query, or
 * none when the same key was verified in the last second (VerifiedKeyCache).
 */
@Injectable()
export class ApiKeyStrategy implements AuthStrategy {
  private readonly pattern: RegExp;

  constructor(
    private readonly keys: ApiKeysRepository,
    private readonly lastUsed: LastUsedTracker,
    private readonly verified: VerifiedKeyCache,
    private readonly logger: JsonLogger,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.pattern = bearerKeyPattern(config.apiKeys.prefix, config.apiKeys.environment);
  }

  async authenticate(req: Request): Promise<StrategyResult> {
    const header = req.headers.authorization;
    if (header === undefined) return ABSENT;
    const key = this.pattern.exec(header)?.[1];
    if (key === undefined) return INVALID;

    const keyHash = hashApiKey(key);
    const lookupStartedAt = this.verified.now();
    const remembered = this.verified.get(keyHash, lookupStartedAt);
    const credential = remembered ?? (await this.keys.findCredential(keyHash));
    if (!credential) return INVALID;
    const result = await this.verify(credential);
    if (result.kind !== 'authenticated') {
      if (remembered) this.verified.forgetHash(keyHash);
    } else if (!remembered) {
      this.verified.remember(keyHash, credential, lookupStartedAt);
    }
    return result;
  }

  private async verify(credential: ApiKeyCredential): Promise<StrategyResult> {
    const now = Date.now();
    const status = effectiveStatus(credential, now);
    if (status === 'revoked') return REVOKED;
    if (status === 'expired') {
      if (credential.status === 'active') await this.flipToExpired(credential.id);
      return EXPIRED;
    }
    if (credential.ownerBanned) return OWNER_BANNED;

    this.lastUsed.touch(credential.id, now);
    return {
      kind: 'authenticated',
      principal: { userId: credential.userId, role: toRole(credential.role), method: 'api_key', apiKeyId: credential.id },
    };
  }

  /**
   * Only the request whose conditional update changed the row logs the transition, so the log holds
   * one line per expired key. The refusal does not depend on the write: a failure is logged, not a 5xx.
   */
  private async flipToExpired(id: string): Promise<void> {
    try {
      if (await this.keys.markExpired(id)) {
        this.logger.emit('info', 'API key expired', { context: 'ApiKeyStrategy', apiKeyId: id });
      }
    } catch (error) {
      this.logger.emit('warn', 'could not mark API key expired', {
        context: 'ApiKeyStrategy',
        apiKeyId: id,
        error: error instanceof Error ? error.message : String(error),
      });
    }
  }
}
