-- Plans and timings of the tours/events list queries at 100,000 events and 1,000 tours.
-- Run it on a migrated scratch PostgreSQL database (e.g. one the e2e suite used):
--   psql postgres://postgres@127.0.0.1:5432/tke_domain -f scripts/explain-domain-queries.sql
-- It seeds, VACUUM ANALYZEs (as autovacuum would), explains, and deletes its rows at the end.
-- The statements mirror what ToursRepository.list and EventsRepository.list send (page + COUNT(*)).
\set ON_ERROR_STOP on
\pset pager off
INSERT INTO users (id, name, email, updated_at) VALUES ('00000000-0000-4000-8000-00000000b0b0', 'Bench', 'bench-explain@example.com', now());
INSERT INTO tours (id, name, status, start_date, end_date, created_by)
SELECT ('00000000-0000-4000-8000-' || lpad(to_hex(i), 12, '0'))::uuid, 'Tour ' || i || CASE WHEN i % 10 = 0 THEN ' summer' ELSE '' END,
       (ARRAY['draft', 'published', 'cancelled', 'completed'])[1 + i % 4],
       CASE WHEN i % 5 = 0 THEN NULL ELSE date '2026-01-01' + (i % 700) END,
       CASE WHEN i % 5 = 0 THEN NULL ELSE date '2026-01-01' + (i % 700) + 30 END,
       '00000000-0000-4000-8000-00000000b0b0'
FROM generate_series(1, 1000) AS i;
INSERT INTO events (tour_id, name, city, country, starts_at, ends_at, timezone, capacity, status, created_by)
SELECT CASE WHEN i % 10 < 7 THEN ('00000000-0000-4000-8000-' || lpad(to_hex(1 + i % 1000), 12, '0'))::uuid END,
       'Event ' || i, 'City ' || (i % 200), (ARRAY['DE', 'FR', 'GB', 'US', 'JP', 'BR', 'IT', 'ES', 'NL', 'SE'])[1 + i % 10],
       timestamptz '2026-01-01 00:00Z' + (i * interval '947 seconds'),
       timestamptz '2026-01-01 03:00Z' + (i * interval '947 seconds'), 'UTC', 1000,
       (ARRAY['scheduled', 'cancelled', 'postponed', 'completed'])[1 + (i / 7) % 4],
       '00000000-0000-4000-8000-00000000b0b0'
FROM generate_series(1, 100000) AS i;
VACUUM ANALYZE tours;
VACUUM ANALYZE events;

\echo '== GET /events (no filter), first page and a deep page'
EXPLAIN (ANALYZE, TIMING OFF, COSTS OFF, SUMMARY ON) SELECT * FROM events ORDER BY starts_at, id LIMIT 20 OFFSET 0;
EXPLAIN (ANALYZE, TIMING OFF, COSTS OFF, SUMMARY ON) SELECT * FROM events ORDER BY starts_at, id LIMIT 20 OFFSET 50000;
EXPLAIN (ANALYZE, TIMING OFF, COSTS OFF, SUMMARY ON) SELECT COUNT(*)::int FROM events;
\echo '== GET /events?tourId= (also GET /tours/:id/events)'
EXPLAIN (ANALYZE, TIMING OFF, COSTS OFF, SUMMARY ON) SELECT * FROM events WHERE tour_id = '00000000-0000-4000-8000-000000000065' ORDER BY starts_at, id LIMIT 20;
EXPLAIN (ANALYZE, TIMING OFF, COSTS OFF, SUMMARY ON) SELECT COUNT(*)::int FROM events WHERE tour_id = '00000000-0000-4000-8000-000000000065';
\echo '== GET /events?status='
EXPLAIN (ANALYZE, TIMING OFF, COSTS OFF, SUMMARY ON) SELECT * FROM events WHERE status = 'postponed' ORDER BY starts_at, id LIMIT 20;
EXPLAIN (ANALYZE, TIMING OFF, COSTS OFF, SUMMARY ON) SELECT COUNT(*)::int FROM events WHERE status = 'postponed';
\echo '== GET /events?city= (case-insensitive)'
EXPLAIN (ANALYZE, TIMING OFF, COSTS OFF, SUMMARY ON) SELECT * FROM events WHERE lower(city) = lower('CITY 42') ORDER BY starts_at, id LIMIT 20;
EXPLAIN (ANALYZE, TIMING OFF, COSTS OFF, SUMMARY ON) SELECT COUNT(*)::int FROM events WHERE lower(city) = lower('CITY 42');
\echo '== GET /events?country='
EXPLAIN (ANALYZE, TIMING OFF, COSTS OFF, SUMMARY ON) SELECT * FROM events WHERE country = 'JP' ORDER BY starts_at, id LIMIT 20;
EXPLAIN (ANALYZE, TIMING OFF, COSTS OFF, SUMMARY ON) SELECT COUNT(*)::int FROM events WHERE country = 'JP';
\echo '== GET /events?from=&to= (one month)'
EXPLAIN (ANALYZE, TIMING OFF, COSTS OFF, SUMMARY ON) SELECT * FROM events WHERE starts_at >= '2027-03-01Z' AND starts_at < '2027-04-01Z' ORDER BY starts_at, id LIMIT 20;
EXPLAIN (ANALYZE, TIMING OFF, COSTS OFF, SUMMARY ON) SELECT COUNT(*)::int FROM events WHERE starts_at >= '2027-03-01Z' AND starts_at < '2027-04-01Z';
\echo '== GET /events?country=&status=&from=&to= (combined)'
EXPLAIN (ANALYZE, TIMING OFF, COSTS OFF, SUMMARY ON) SELECT * FROM events WHERE country = 'JP' AND status = 'scheduled' AND starts_at >= '2027-03-01Z' AND starts_at < '2027-04-01Z' ORDER BY starts_at, id LIMIT 20;
EXPLAIN (ANALYZE, TIMING OFF, COSTS OFF, SUMMARY ON) SELECT COUNT(*)::int FROM events WHERE country = 'JP' AND status = 'scheduled' AND starts_at >= '2027-03-01Z' AND starts_at < '2027-04-01Z';
\echo '== DELETE /tours/:id: the has-events check and the RESTRICT check use events (tour_id, ...)'
EXPLAIN (ANALYZE, TIMING OFF, COSTS OFF, SUMMARY ON) SELECT 1 FROM events WHERE tour_id = '00000000-0000-4000-8000-000000000065' LIMIT 1;
\echo '== GET /tours?status= and ?q='
EXPLAIN (ANALYZE, TIMING OFF, COSTS OFF, SUMMARY ON) SELECT * FROM tours WHERE status = 'published' ORDER BY start_date NULLS LAST, id LIMIT 20;
EXPLAIN (ANALYZE, TIMING OFF, COSTS OFF, SUMMARY ON) SELECT * FROM tours WHERE lower(name) LIKE '%summer%' ESCAPE '\' ORDER BY start_date NULLS LAST, id LIMIT 20;
EXPLAIN (ANALYZE, TIMING OFF, COSTS OFF, SUMMARY ON) SELECT COUNT(*)::int FROM tours WHERE lower(name) LIKE '%summer%' ESCAPE '\';

DELETE FROM events WHERE created_by = '00000000-0000-4000-8000-00000000b0b0';
DELETE FROM tours WHERE created_by = '00000000-0000-4000-8000-00000000b0b0';
DELETE FROM users WHERE id = '00000000-0000-4000-8000-00000000b0b0';
