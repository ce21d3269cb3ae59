import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Tours and events. The API validates every field first; the constraints here are the backstop
 * for anything that writes to the tables directly.
 *
 * Indexes follow the list endpoints: every filter is paired with the sort order (`start_date, id`
 * for tours, `starts_at, id` for events), so a filtered page is read in index order and stops at
 * `limit`. Name search (`q`) is `lower(name) LIKE '%…%'`, which no B-tree index can serve; a
 * trigram index would, but pg_trgm is not available on the embedded database, so it scans `tours`.
 */
export class ToursAndEvents1764900002000 implements MigrationInterface {
  name = 'ToursAndEvents1764900002000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE "tours" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid() PRIMARY KEY,
        "name" varchar(200) NOT NULL,
        "description" text,
        "status" text NOT NULL DEFAULT 'draft',
        "start_date" date,
        "end_date" date,
        "created_by" uuid REFERENCES "users" ("id") ON DELETE SET NULL,
        "created_at" timestamptz NOT NULL DEFAULT CURRENT_TIMESTAMP,
        "updated_at" timestamptz NOT NULL DEFAULT CURRENT_TIMESTAMP,
        CONSTRAINT "tours_name_check" CHECK (char_length("name") >= 1),
        CONSTRAINT "tours_description_check" CHECK (char_length("description") <= 5000),
        CONSTRAINT "tours_status_check" CHECK ("status" IN ('draft', 'published', 'cancelled', 'completed')),
        CONSTRAINT "tours_dates_check" CHECK ("end_date" >= "start_date")
      )`);
    await q.query(`CREATE INDEX "tours_start_date_id_idx" ON "tours" ("start_date", "id")`);
    await q.query(`CREATE INDEX "tours_status_start_date_id_idx" ON "tours" ("status", "start_date", "id")`);

    await q.query(`
      CREATE TABLE "events" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid() PRIMARY KEY,
        "tour_id" uuid REFERENCES "tours" ("id") ON DELETE RESTRICT,
        "name" varchar(200) NOT NULL,
        "venue" varchar(200),
        "city" varchar(100),
        "country" varchar(2),
        "starts_at" timestamptz NOT NULL,
        "ends_at" timestamptz NOT NULL,
        "timezone" text NOT NULL,
        "capacity" integer,
        "status" text NOT NULL DEFAULT 'scheduled',
        "created_by" uuid REFERENCES "users" ("id") ON DELETE SET NULL,
        "created_at" timestamptz NOT NULL DEFAULT CURRENT_TIMESTAMP,
        "updated_at" timestamptz NOT NULL DEFAULT CURRENT_TIMESTAMP,
        CONSTRAINT "events_name_check" CHECK (char_length("name") >= 1),
        CONSTRAINT "events_country_check" CHECK ("country" ~ '^[A-Z]{2}$'),
        CONSTRAINT "events_capacity_check" CHECK ("capacity" >= 0),
        CONSTRAINT "events_status_check" CHECK ("status" IN ('scheduled', 'cancelled', 'postponed', 'completed')),
        CONSTRAINT "events_times_check" CHECK ("ends_at" >= "starts_at")
      )`);
    await q.query(`CREATE INDEX "events_starts_at_id_idx" ON "events" ("starts_at", "id")`);
    // Also the index the tour_id foreign key needs (the RESTRICT check on tour deletion).
    await q.query(`CREATE INDEX "events_tour_id_starts_at_id_idx" ON "events" ("tour_id", "starts_at", "id")`);
    await q.query(`CREATE INDEX "events_status_starts_at_id_idx" ON "events" ("status", "starts_at", "id")`);
    await q.query(`CREATE INDEX "events_country_starts_at_id_idx" ON "events" ("country", "starts_at", "id")`);
    await q.query(`CREATE INDEX "events_lower_city_starts_at_id_idx" ON "events" (lower("city"), "starts_at", "id")`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "events"`);
    await q.query(`DROP TABLE "tours"`);
  }
}
