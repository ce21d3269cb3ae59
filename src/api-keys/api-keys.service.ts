import { ConflictException, ForbiddenException, Inject, Injectable, NotFoundException } from '@nestjs/common';
import type { Principal } from '../auth/principal';
import { ValidationFailedException } from '../common/http/problem-details';
import { Page, toPage } from '../common/pagination/page';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { generateApiKey } from './api-key-format';
import { ApiKeyDto, toApiKeyDto } from './api-key.dto';
import { ApiKeyScope, ApiKeysRepository } from './api-keys.repository';
import type { CreateApiKeyDto } from './create-api-key.dto';
import type { CreatedApiKeyDto } from './created-api-key.dto';
import { ALL_USERS, ListApiKeysQueryDto } from './list-api-keys-query.dto';
import { VerifiedKeyCache } from './verified-key-cache';

/** Active (neither revoked nor past expiry) keys one user may hold; bounds what a leaked session can mint. */
export const MAX_ACTIVE_KEYS_PER_USER = 100;

/**
 * The rules of API keys. Whoever calls (session or API key) acts as the key's owner: a member sees
 * and changes only their own keys, an admin everyone's. A key that is not visible is a 404, exactly
 * like one that does not exist, so ids of other users' keys cannot be probed.
 */
@Injectable()
export class ApiKeysService {
  constructor(
    private readonly keys: ApiKeysRepository,
    private readonly verified: VerifiedKeyCache,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async create(principal: Principal, dto: CreateApiKeyDto): Promise<CreatedApiKeyDto> {
    const now = new Date();
    const expiresAt = dto.expiresAt == null ? null : new Date(dto.expiresAt);
    if (expiresAt !== null && !(expiresAt.getTime() > now.getTime())) {
      throw new ValidationFailedException([{ field: 'expiresAt', message: 'expiresAt must be in the future' }]);
    }
    const { key, prefix, hash } = generateApiKey(this.config.apiKeys.prefix, this.config.apiKeys.environment);
    const created = await this.keys.insertWithinLimit(
      { userId: principal.userId, name: dto.name, prefix, keyHash: hash, environment: this.config.apiKeys.environment, expiresAt },
      MAX_ACTIVE_KEYS_PER_USER,
      now,
    );
    if (!created) {
      throw new ConflictException(
        `You already have ${MAX_ACTIVE_KEYS_PER_USER} active API keys; revoke one before creating another.`,
      );
    }
    return { ...toApiKeyDto(created, now.getTime()), key };
  }

  async list(principal: Principal, query: ListApiKeysQueryDto): Promise<Page<ApiKeyDto>> {
    const [keys, total] = await this.keys.list(this.listScope(principal, query.userId), query);
    const now = Date.now();
    return toPage(
      keys.map((k) => toApiKeyDto(k, now)),
      total,
      query,
    );
  }

  async get(principal: Principal, id: string): Promise<ApiKeyDto> {
    const key = await this.keys.findOne(id, visibleTo(principal));
    if (!key) throw notFound();
    return toApiKeyDto(key, Date.now());
  }

  /**
   * Idempotent: revoking a revoked key returns it unchanged. An expired key can still be revoked.
   * This instance refuses the key from the next request on; other instances within one second.
   */
  async revoke(principal: Principal, id: string): Promise<ApiKeyDto> {
    const now = new Date();
    let key;
    try {
      key = await this.keys.revoke(id, visibleTo(principal), now);
    } finally {
      // Also when reading the row back failed: the update may have committed.
      this.verified.forget(id);
    }
    if (!key) throw notFound();
    return toApiKeyDto(key, now.getTime());
  }

  private listScope(principal: Principal, userId: string | undefined): ApiKeyScope {
    if (userId === undefined || userId === principal.userId) return { ownerId: principal.userId };
    if (principal.role !== 'admin') {
      throw new ForbiddenException("Only an admin may list other users' API keys.");
    }
    return { ownerId: userId === ALL_USERS ? undefined : userId };
  }
}

function visibleTo(principal: Principal): ApiKeyScope {
  return { ownerId: principal.role === 'admin' ? undefined : principal.userId };
}

function notFound(): NotFoundException {
  return new NotFoundException('API key not found');
}
