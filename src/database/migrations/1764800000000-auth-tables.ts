import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * better-auth's tables (users, sessions, accounts, verifications, with the admin plugin's columns),
 * in snake_case as configured in `better-auth.factory.ts`. A test checks that better-auth's own
 * `getMigrations` finds nothing missing after this runs.
 *
 * The first user ever becomes admin: a trigger claims a single-row table in the same transaction
 * as the insert, so two simultaneous first sign-ups still produce exactly one admin.
 */
export class AuthTables1764800000000 implements MigrationInterface {
  name = 'AuthTables1764800000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE "users" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid() PRIMARY KEY,
        "name" text NOT NULL,
        "email" text NOT NULL UNIQUE,
        "email_verified" boolean NOT NULL DEFAULT false,
        "image" text,
        "created_at" timestamptz NOT NULL DEFAULT CURRENT_TIMESTAMP,
        "updated_at" timestamptz NOT NULL DEFAULT CURRENT_TIMESTAMP,
        "role" text NOT NULL DEFAULT 'member' CHECK ("role" IN ('admin', 'member')),
        "banned" boolean DEFAULT false,
        "ban_reason" text,
        "ban_expires" timestamptz
      )`);
    await q.query(`
      CREATE TABLE "sessions" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid() PRIMARY KEY,
        "expires_at" timestamptz NOT NULL,
        "token" text NOT NULL UNIQUE,
        "created_at" timestamptz NOT NULL DEFAULT CURRENT_TIMESTAMP,
        "updated_at" timestamptz NOT NULL,
        "ip_address" text,
        "user_agent" text,
        "user_id" uuid NOT NULL REFERENCES "users" ("id") ON DELETE CASCADE,
        "impersonated_by" text
      )`);
    await q.query(`
      CREATE TABLE "accounts" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid() PRIMARY KEY,
        "account_id" text NOT NULL,
        "provider_id" text NOT NULL,
        "user_id" uuid NOT NULL REFERENCES "users" ("id") ON DELETE CASCADE,
        "access_token" text,
        "refresh_token" text,
        "id_token" text,
        "access_token_expires_at" timestamptz,
        "refresh_token_expires_at" timestamptz,
        "scope" text,
        "password" text,
        "created_at" timestamptz NOT NULL DEFAULT CURRENT_TIMESTAMP,
        "updated_at" timestamptz NOT NULL
      )`);
    await q.query(`
      CREATE TABLE "verifications" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid() PRIMARY KEY,
        "identifier" text NOT NULL,
        "value" text NOT NULL,
        "expires_at" timestamptz NOT NULL,
        "created_at" timestamptz NOT NULL DEFAULT CURRENT_TIMESTAMP,
        "updated_at" timestamptz NOT NULL DEFAULT CURRENT_TIMESTAMP
      )`);
    await q.query(`CREATE INDEX "sessions_user_id_idx" ON "sessions" ("user_id")`);
    await q.query(`CREATE INDEX "accounts_user_id_idx" ON "accounts" ("user_id")`);
    await q.query(`CREATE INDEX "verifications_identifier_idx" ON "verifications" ("identifier")`);

    await q.query(`
      CREATE TABLE "first_admin_claim" (
        "id" boolean PRIMARY KEY DEFAULT true CHECK ("id"),
        "user_id" uuid NOT NULL,
        "claimed_at" timestamptz NOT NULL DEFAULT CURRENT_TIMESTAMP
      )`);
    await q.query(`
      CREATE FUNCTION "assign_first_admin"() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        INSERT INTO "first_admin_claim" ("id", "user_id") VALUES (true, NEW."id") ON CONFLICT ("id") DO NOTHING;
        IF FOUND THEN
          NEW."role" := 'admin';
        END IF;
        RETURN NEW;
      END
      $$`);
    await q.query(`
      CREATE TRIGGER "users_assign_first_admin" BEFORE INSERT ON "users"
      FOR EACH ROW EXECUTE FUNCTION "assign_first_admin"()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER "users_assign_first_admin" ON "users"`);
    await q.query(`DROP FUNCTION "assign_first_admin"()`);
    await q.query(`DROP TABLE "first_admin_claim"`);
    await q.query(`DROP TABLE "verifications"`);
    await q.query(`DROP TABLE "accounts"`);
    await q.query(`DROP TABLE "sessions"`);
    await q.query(`DROP TABLE "users"`);
  }
}
