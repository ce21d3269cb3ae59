import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * API keys: the SHA-256 of each key (unique, the strategy's lookup) and its first 12 characters;
 * never the key. Listing reads by (user_id, created_at).
 */
export class ApiKeys1764900000000 implements MigrationInterface {
  name = 'ApiKeys1764900000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE "api_keys" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid() PRIMARY KEY,
        "user_id" uuid NOT NULL REFERENCES "users" ("id") ON DELETE CASCADE,
        "name" text NOT NULL,
        "prefix" text NOT NULL,
        "key_hash" bytea NOT NULL,
        "environment" text NOT NULL CHECK ("environment" IN ('live', 'test')),
        "status" text NOT NULL DEFAULT 'active',
        "expires_at" timestamptz,
        "last_used_at" timestamptz,
        "revoked_at" timestamptz,
        "created_at" timestamptz NOT NULL DEFAULT CURRENT_TIMESTAMP,
        CONSTRAINT "api_keys_status_check" CHECK ("status" IN ('active', 'revoked', 'expired'))
      )`);
    await q.query(`CREATE UNIQUE INDEX "api_keys_key_hash_idx" ON "api_keys" ("key_hash")`);
    await q.query(`CREATE INDEX "api_keys_user_id_created_at_idx" ON "api_keys" ("user_id", "created_at")`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "api_keys"`);
  }
}
