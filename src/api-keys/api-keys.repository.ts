import { Injectable } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { DataSource, FindOptionsWhere, Repository } from 'typeorm';
import type { Role } from '../auth/principal';
import { poolOf } from '../database/pool-of';
import { PreparedStatement } from '../database/prepared-statement';
import { ApiKeyEntity, ApiKeyStatus } from './api-key.entity';

/** Which owners' keys a query may touch: one user's, or (for an admin) everyone's. */
export interface ApiKeyScope {
  /** Undefined only for an admin acting on all users. */
  readonly ownerId: string | undefined;
}

/** What the Bearer strategy needs about a key, read together with its owner in one query. */
export interface ApiKeyCredential {
  readonly id: string;
  readonly userId: string;
  readonly status: ApiKeyStatus;
  readonly expiresAt: Date | null;
  readonly role: Role;
  readonly ownerBanned: boolean;
}

export type NewApiKey = Pick<ApiKeyEntity, 'userId' | 'name' | 'prefix' | 'keyHash' | 'environment' | 'expiresAt'>;

// First key of the two-int advisory lock that serialises key creation per user (second: the user).
const CREATE_LOCK_NAMESPACE = 72_617_004;

const CREDENTIAL_BY_HASH = `
  SELECT k.id, k.user_id AS "userId", k.status, k.expires_at AS "expiresAt", u.role,
         (u.banned IS TRUE AND (u.ban_expires IS NULL OR u.ban_expires > now())) AS "ownerBanned"
  FROM api_keys k JOIN users u ON u.id = k.user_id
  WHERE k.key_hash = $1`;

@Injectable()
export class ApiKeysRepository {
  private readonly credentialByHash: PreparedStatement<ApiKeyCredential>;

  constructor(
    @InjectRepository(ApiKeyEntity) private readonly keys: Repository<ApiKeyEntity>,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {
    this.credentialByHash = new PreparedStatement(poolOf(dataSource), CREDENTIAL_BY_HASH);
  }

  /** The strategy's lookup: one query on the unique hash index, joined to the owner, prepared once. */
  async findCredential(keyHash: Buffer): Promise<ApiKeyCredential | undefined> {
    const rows = await this.credentialByHash.rows([keyHash]);
    return rows[0];
  }

  /**
   * Flips an active key to `expired`. Conditional on `status = 'active'`, so however many requests
   * race, exactly one of them changes the row; returns whether this call did.
   */
  async markExpired(id: string): Promise<boolean> {
    const result = await this.keys
      .createQueryBuilder()
      .update()
      .set({ status: 'expired' })
      .where('id = :id', { id })
      .andWhere(`status = 'active'`)
      .execute();
    return result.affected === 1;
  }

  async touchLastUsed(id: string, at: Date): Promise<void> {
    await this.keys.update({ id }, { lastUsedAt: at });
  }

  /**
   * Inserts the key unless the owner already holds `limit` active keys; undefined then. The count
   * and the insert run in one transaction under a per-user advisory lock, so two concurrent
   * creations cannot both pass the count. Inside it only the transaction's manager is used (the
   * embedded database runs one transaction at a time; another connection would wait on it).
   */
  async insertWithinLimit(key: NewApiKey, limit: number, now: Date): Promise<ApiKeyEntity | undefined> {
    return this.dataSource.transaction(async (manager) => {
      await manager.query('SELECT pg_advisory_xact_lock($1, hashtext($2))', [CREATE_LOCK_NAMESPACE, key.userId]);
      const keys = manager.getRepository(ApiKeyEntity);
      const active = await keys
        .createQueryBuilder('k')
        .where('k.user_id = :userId', { userId: key.userId })
        .andWhere(`k.status = 'active'`)
        .andWhere('(k.expires_at IS NULL OR k.expires_at > :now)', { now })
        .getCount();
      if (active >= limit) return undefined;
      const { identifiers } = await keys.insert(key);
      return keys.findOneByOrFail({ id: identifiers[0].id as string });
    });
  }

  /** Newest first; `id` breaks ties so pages never overlap. */
  list(scope: ApiKeyScope, page: { limit: number; offset: number }): Promise<[ApiKeyEntity[], number]> {
    return this.keys.findAndCount({
      where: this.where(scope),
      order: { createdAt: 'DESC', id: 'DESC' },
      take: page.limit,
      skip: page.offset,
    });
  }

  async findOne(id: string, scope: ApiKeyScope): Promise<ApiKeyEntity | undefined> {
    return (await this.keys.findOneBy(this.where(scope, id))) ?? undefined;
  }

  /** Revokes unless already revoked (revocation is terminal and keeps its first `revokedAt`). */
  async revoke(id: string, scope: ApiKeyScope, now: Date): Promise<ApiKeyEntity | undefined> {
    const update = this.keys
      .createQueryBuilder()
      .update()
      .set({ status: 'revoked', revokedAt: now })
      .where('id = :id', { id })
      .andWhere(`status <> 'revoked'`);
    if (scope.ownerId !== undefined) update.andWhere('user_id = :ownerId', { ownerId: scope.ownerId });
    await update.execute();
    return this.findOne(id, scope);
  }

  private where(scope: ApiKeyScope, id?: string): FindOptionsWhere<ApiKeyEntity> {
    return {
      ...(id === undefined ? {} : { id }),
      ...(scope.ownerId === undefined ? {} : { userId: scope.ownerId }),
    };
  }
}
