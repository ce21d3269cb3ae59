import { Check, Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { ApiKeyEnvironment } from '../config/app-config';

export type ApiKeyStatus = 'active' | 'revoked' | 'expired';

/** One API key. The key itself is never stored: only its SHA-256 and its first 12 characters. */
@Entity('api_keys')
@Index('api_keys_key_hash_idx', ['keyHash'], { unique: true })
@Index('api_keys_user_id_created_at_idx', ['userId', 'createdAt'])
@Check('api_keys_status_check', `"status" IN ('active', 'revoked', 'expired')`)
export class ApiKeyEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid', { name: 'user_id' })
  userId: string;

  @Column('text')
  name: string;

  @Column('text')
  prefix: string;

  /** Excluded from every query unless asked for by name, so it can never leak into a response. */
  @Column('bytea', { name: 'key_hash', select: false })
  keyHash: Buffer;

  @Column('text')
  environment: ApiKeyEnvironment;

  /** The stored status; `expired` is written on the first use after `expiresAt`. */
  @Column('text', { default: 'active' })
  status: ApiKeyStatus;

  @Column('timestamptz', { name: 'expires_at', nullable: true })
  expiresAt: Date | null;

  @Column('timestamptz', { name: 'last_used_at', nullable: true })
  lastUsedAt: Date | null;

  @Column('timestamptz', { name: 'revoked_at', nullable: true })
  revokedAt: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}

/**
 * The status callers see: a stored `active` key past its `expiresAt` is already `expired`, even
 * before its first use flips the row.
 */
export function effectiveStatus(key: Pick<ApiKeyEntity, 'status' | 'expiresAt'>, now: number): ApiKeyStatus {
  return key.status === 'active' && key.expiresAt !== null && key.expiresAt.getTime() <= now ? 'expired' : key.status;
}
