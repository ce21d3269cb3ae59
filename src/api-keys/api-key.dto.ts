import { ApiProperty } from '@nestjs/swagger';
import { ApiKeyEntity, ApiKeyStatus, effectiveStatus } from './api-key.entity';

/** An API key as every response shows it: never the key itself, never its hash. */
export class ApiKeyDto {
  @ApiProperty({ format: 'uuid', example: '6f1c2a9e-3b4d-4e5f-8a7b-9c0d1e2f3a4b' })
  id: string;

  @ApiProperty({ description: 'What the key is for.', example: 'Zapier production' })
  name: string;

  @ApiProperty({ description: 'The first 12 characters of the key, to recognise it.', example: 'tke_live_aB3' })
  prefix: string;

  @ApiProperty({
    enum: ['active', 'revoked', 'expired'],
    description: '`expired` as soon as `expiresAt` has passed; `revoked` is terminal.',
    example: 'active',
  })
  status: ApiKeyStatus;

  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'Null: never expires.', example: '2027-01-31T23:59:59.000Z' })
  expiresAt: string | null;

  @ApiProperty({
    type: String,
    format: 'date-time',
    nullable: true,
    description: 'Last successful use; up to one minute behind (recorded at most once a minute per key and server instance).',
    example: '2026-12-01T10:15:00.000Z',
  })
  lastUsedAt: string | null;

  @ApiProperty({ type: String, format: 'date-time', nullable: true, example: null })
  revokedAt: string | null;

  @ApiProperty({ format: 'date-time', example: '2026-12-01T09:00:00.000Z' })
  createdAt: string;

  @ApiProperty({ format: 'uuid', description: 'The owner; the key acts as this user.', example: '0b7f4a8e-2b0e-4c55-9f3a-7f1d2d6c9a10' })
  userId: string;
}

export function toApiKeyDto(key: ApiKeyEntity, now: number): ApiKeyDto {
  return {
    id: key.id,
    name: key.name,
    prefix: key.prefix,
    status: effectiveStatus(key, now),
    expiresAt: key.expiresAt?.toISOString() ?? null,
    lastUsedAt: key.lastUsedAt?.toISOString() ?? null,
    revokedAt: key.revokedAt?.toISOString() ?? null,
    createdAt: key.createdAt.toISOString(),
    userId: key.userId,
  };
}
