import { api, apiKeyCaller, Caller } from './support/callers';
import { startDomainApp } from './support/domain-app';
import { expectFieldError } from './support/field-errors';
import { expectProblem } from './support/problem';
import { apiKeyFor } from './support/rate-limit';
import { TestApp, withDb } from './support/test-app';
import { SignedInUser } from './support/users';

const TOURS = '/api/v1/tours';
const MISSING_ID = '00000000-0000-4000-8000-000000000000';

/** Polls PostgreSQL until a statement matching `query` is waiting for a lock. */
async function waitForLockedStatement(query: RegExp): Promise<void> {
  await withDb(async (db) => {
    for (let attempt = 0; attempt < 250; attempt++) {
      const { rows } = await db.query<{ query: string }>(`SELECT query FROM pg_stat_activity WHERE wait_event_type = 'Lock'`);
      if (rows.some((row) => query.test(row.query))) return;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    throw new Error(`no statement matching ${query} waited for a lock`);
  });
}

describe('tours', () => {
  let t: TestApp;
  let alice: SignedInUser;
  let callers: Record<'session' | 'api_key', Caller>;
  let asAlice: Caller;
  let asBob: Caller;
  let asAdmin: Caller;

  beforeAll(async () => {
    ({ t, alice, asAdmin, asAlice, asBob, callers } = await startDomainApp());
  });
  afterAll(() => t.close());

  const createTour = async (caller: Caller, body: Record<string, unknown> = {}) => {
    const res = await api(t, caller).post(TOURS).send({ name: 'A tour', ...body });
    expect(res.status).toBe(201);
    return res.body as Record<string, string | null>;
  };
  const storedTour = (id: string) => withDb(async (db) => (await db.query('SELECT * FROM tours WHERE id = $1', [id])).rows[0]);

  describe.each(['session', 'api_key'] as const)('CRUD through %s', (method) => {
    it('creates, reads, lists, updates and deletes a tour', async () => {
      const caller = callers[method];
      const created = await api(t, caller).post(TOURS)
        .send({ name: '  Summer Tour  ', description: 'Stadiums', startDate: '2026-06-01', endDate: '2026-08-31' })
        .expect(201);
      expect(created.body).toEqual({
        id: expect.stringMatching(/^[0-9a-f-]{36}$/),
        name: 'Summer Tour',
        description: 'Stadiums',
        status: 'draft',
        startDate: '2026-06-01',
        endDate: '2026-08-31',
        createdBy: alice.id,
        createdAt: expect.stringMatching(/Z$/),
        updatedAt: expect.stringMatching(/Z$/),
      });
      const id = created.body.id as string;

      await api(t, caller).get(`${TOURS}/${id}`).expect(200, created.body);
      const listed = await api(t, caller).get(`${TOURS}?q=summer%20tour&limit=100`).expect(200);
      expect(listed.body.data).toContainEqual(created.body);

      const patched = await api(t, caller).patch(`${TOURS}/${id}`).send({ status: 'published', description: null }).expect(200);
      expect(patched.body).toMatchObject({ ...created.body, status: 'published', description: null, updatedAt: expect.any(String) });
      expect(Date.parse(patched.body.updatedAt)).toBeGreaterThanOrEqual(Date.parse(created.body.updatedAt));
      await api(t, caller).get(`${TOURS}/${id}`).expect(200, patched.body);

      await api(t, caller).delete(`${TOURS}/${id}`).expect(204);
      expectProblem(await api(t, caller).get(`${TOURS}/${id}`), 404);
      expect(await storedTour(id)).toBeUndefined();
    });
  });

  it('documents every tours and events route, parameter and field in OpenAPI', async () => {
    const doc = (await t.http().get('/api/docs-json').expect(200)).body;
    const operations = Object.entries(doc.paths as Record<string, Record<string, { summary?: string; parameters?: Array<{ name: string; description?: string }> }>>)
      .filter(([path]) => /^\/api\/v1\/(tours|events)/.test(path))
      .flatMap(([path, item]) => Object.entries(item).map(([verb, operation]) => ({ route: `${verb} ${path}`, operation })));
    expect(operations.map((o) => o.route).sort()).toEqual([
      'delete /api/v1/events/{id}', 'delete /api/v1/tours/{id}', 'get /api/v1/events', 'get /api/v1/events/{id}',
      'get /api/v1/tours', 'get /api/v1/tours/{id}', 'get /api/v1/tours/{id}/events', 'patch /api/v1/events/{id}',
      'patch /api/v1/tours/{id}', 'post /api/v1/events', 'post /api/v1/tours',
    ]);
    for (const { route, operation } of operations) {
      expect([route, operation.summary]).toEqual([route, expect.any(String)]);
      for (const parameter of operation.parameters ?? []) {
        expect([route, parameter.name, parameter.description]).toEqual([route, parameter.name, expect.any(String)]);
      }
    }
    for (const schema of ['TourDto', 'CreateTourDto', 'UpdateTourDto', 'EventDto', 'CreateEventDto', 'UpdateEventDto', 'PageInfo']) {
      for (const [field, property] of Object.entries(doc.components.schemas[schema].properties as Record<string, object>)) {
        expect([schema, field, property]).toEqual([schema, field, expect.objectContaining({ description: expect.any(String), example: expect.anything() })]);
      }
    }
  });

  it('refuses requests without credentials', async () => {
    const res = await t.http().get(TOURS);
    expectProblem(res, 401);
    expect(res.headers['www-authenticate']).toBe('Bearer realm="api"');
    expectProblem(await t.http().post(TOURS).send({ name: 'x' }), 401);
  });

  it('stops accepting a revoked key', async () => {
    const key = await apiKeyFor(t, alice);
    const asKey = apiKeyCaller(key);
    await api(t, asKey).get(TOURS).expect(200);
    const keys = await api(t, asAlice).get('/api/v1/api-keys?limit=100').expect(200);
    const { id } = keys.body.data.find((k: { prefix: string }) => key.startsWith(k.prefix));
    await api(t, asAlice).post(`/api/v1/api-keys/${id}/revoke`).expect(200);
    expectProblem(await api(t, asKey).get(TOURS), 401);
    expectProblem(await api(t, asKey).post(TOURS).send({ name: 'With a revoked key' }), 401);
  });

  describe('bad input is a 400 naming the field, and nothing is written', () => {
    const countTours = () => withDb(async (db) => Number((await db.query('SELECT count(*) FROM tours')).rows[0].count));

    it.each([
      ['missing name', {}, 'name'],
      ['a name of 201 characters', { name: 'x'.repeat(201) }, 'name'],
      ['a blank name', { name: '   ' }, 'name'],
      ['a name that is not a string', { name: 42 }, 'name'],
      ['a description of 5,001 characters', { name: 'ok', description: 'd'.repeat(5001) }, 'description'],
      ['an unknown status', { name: 'ok', status: 'archived' }, 'status'],
      ['a null status', { name: 'ok', status: null }, 'status'],
      ['a malformed date', { name: 'ok', startDate: '2026-6-1' }, 'startDate'],
      ['a date that does not exist', { name: 'ok', startDate: '2026-02-30' }, 'startDate'],
      ['a timestamp instead of a date', { name: 'ok', endDate: '2026-06-01T00:00:00Z' }, 'endDate'],
      ['an end before the start', { name: 'ok', startDate: '2026-06-02', endDate: '2026-06-01' }, 'endDate'],
      ['an unknown field', { name: 'ok', venue: 'somewhere' }, 'venue'],
      ['a server-owned id', { name: 'ok', id: MISSING_ID }, 'id'],
      ['a server-owned createdBy', { name: 'ok', createdBy: MISSING_ID }, 'createdBy'],
      ['a server-owned createdAt', { name: 'ok', createdAt: '2026-01-01T00:00:00Z' }, 'createdAt'],
      ['a server-owned updatedAt', { name: 'ok', updatedAt: '2026-01-01T00:00:00Z' }, 'updatedAt'],
    ])('POST with %s', async (_case, body, field) => {
      const before = await countTours();
      expectFieldError(await api(t, asAlice).post(TOURS).send(body), field);
      expect(await countTours()).toBe(before);
    });

    it('reports "property … should not exist" for a server-owned field', async () => {
      const res = await api(t, asAlice).post(TOURS).send({ name: 'ok', id: MISSING_ID });
      expectFieldError(res, 'id', /^property id should not exist$/);
    });

    it('accepts an equal start and end date, and leaves the dates optional', async () => {
      const oneDay = await createTour(asAlice, { startDate: '2026-07-14', endDate: '2026-07-14' });
      expect(oneDay).toMatchObject({ startDate: '2026-07-14', endDate: '2026-07-14' });
      const undated = await createTour(asAlice);
      expect(undated).toMatchObject({ startDate: null, endDate: null, description: null, status: 'draft' });
    });

    it.each([
      ['an end before the stored start', { endDate: '2026-05-31' }, 'endDate'],
      ['a start after the stored end', { startDate: '2026-09-01' }, 'endDate'],
      ['a null name', { name: null }, 'name'],
      ['a null status', { status: null }, 'status'],
      ['a server-owned createdBy', { createdBy: MISSING_ID }, 'createdBy'],
      ['an unknown field', { tourId: MISSING_ID }, 'tourId'],
    ])('PATCH with %s leaves the tour unchanged', async (_case, body, field) => {
      const tour = await createTour(asAlice, { startDate: '2026-06-01', endDate: '2026-08-31' });
      const before = await storedTour(tour.id!);
      expectFieldError(await api(t, asAlice).patch(`${TOURS}/${tour.id}`).send(body), field);
      expect(await storedTour(tour.id!)).toEqual(before);
    });

    it('PATCH checks the merged dates: moving both bounds together is fine, clearing one is fine', async () => {
      const tour = await createTour(asAlice, { startDate: '2026-06-01', endDate: '2026-06-30' });
      const moved = await api(t, asAlice).patch(`${TOURS}/${tour.id}`).send({ startDate: '2027-01-01', endDate: '2027-01-31' }).expect(200);
      expect(moved.body).toMatchObject({ startDate: '2027-01-01', endDate: '2027-01-31' });
      const cleared = await api(t, asAlice).patch(`${TOURS}/${tour.id}`).send({ startDate: null }).expect(200);
      expect(cleared.body).toMatchObject({ startDate: null, endDate: '2027-01-31' });
    });

    it('answers an invalid UUID with 400 and an unknown id with 404, on every :id route', async () => {
      for (const send of [
        (path: string) => api(t, asAlice).get(path),
        (path: string) => api(t, asAlice).patch(path).send({ name: 'x' }),
        (path: string) => api(t, asAlice).delete(path),
        (path: string) => api(t, asAlice).get(`${path}/events`),
      ]) {
        expectFieldError(await send(`${TOURS}/not-a-uuid`), 'id');
        expectProblem(await send(`${TOURS}/${MISSING_ID}`), 404);
      }
    });

    it.each([
      ['limit=0', 'limit'],
      ['limit=101', 'limit'],
      ['limit=abc', 'limit'],
      ['limit=1e1', 'limit'],
      ['limit=0x10', 'limit'],
      ['offset=2.5', 'offset'],
      ['offset=-1', 'offset'],
      ['status=archived', 'status'],
      ['q=', 'q'],
      ['sort=name', 'sort'],
    ])('GET /tours?%s', async (query, field) => {
      expectFieldError(await api(t, asAlice).get(`${TOURS}?${query}`), field);
    });
  });

  describe('deleting', () => {
    it('by a member who did not create the tour: 403, and the tour is still there', async () => {
      const tour = await createTour(asAlice);
      expectProblem(await api(t, asBob).delete(`${TOURS}/${tour.id}`), 403);
      await api(t, asBob).get(`${TOURS}/${tour.id}`).expect(200, tour);
    });

    it('by an admin who did not create it: 204', async () => {
      const tour = await createTour(asAlice);
      await api(t, asAdmin).delete(`${TOURS}/${tour.id}`).expect(204);
      expect(await storedTour(tour.id!)).toBeUndefined();
    });

    it('a tour that still has events: 409, and the tour and its events are unchanged', async () => {
      const tour = await createTour(asAlice, { name: 'Has events' });
      for (const name of ['One', 'Two']) {
        await api(t, asAlice).post('/api/v1/events')
          .send({ tourId: tour.id, name, startsAt: '2026-06-01T20:00:00Z', endsAt: '2026-06-01T23:00:00Z', timezone: 'UTC' })
          .expect(201);
      }
      const eventsBefore = await api(t, asAlice).get(`${TOURS}/${tour.id}/events`).expect(200);
      expect(eventsBefore.body.page.total).toBe(2);

      const res = await api(t, asAlice).delete(`${TOURS}/${tour.id}`);
      expectProblem(res, 409);
      expect(res.body.detail).toMatch(/still has events/);
      // An admin is refused too: the rule is about the data, not the caller.
      expectProblem(await api(t, asAdmin).delete(`${TOURS}/${tour.id}`), 409);

      await api(t, asAlice).get(`${TOURS}/${tour.id}`).expect(200, tour);
      await api(t, asAlice).get(`${TOURS}/${tour.id}/events`).expect(200, eventsBefore.body);
    });

    it('the database refuses it too, whatever the caller (ON DELETE RESTRICT)', async () => {
      const tour = await createTour(asAlice);
      await api(t, asAlice).post('/api/v1/events')
        .send({ tourId: tour.id, name: 'Pinned', startsAt: '2026-06-01T20:00:00Z', endsAt: '2026-06-01T23:00:00Z', timezone: 'UTC' })
        .expect(201);
      // 23503 up to PostgreSQL 17; PostgreSQL 18 (the embedded database) reports RESTRICT as 23001.
      await expect(withDb((db) => db.query('DELETE FROM tours WHERE id = $1', [tour.id])))
        .rejects.toMatchObject({ code: expect.stringMatching(/^(23503|23001)$/) });
    });

    it('an event committed while the delete is under way: the foreign key refuses it, answered 409', async () => {
      const tour = await createTour(asAlice);
      await withDb(async (db) => {
        await db.query('BEGIN');
        // The insert's foreign-key check locks the tour row, so the DELETE below waits for this transaction.
        await db.query(`INSERT INTO events (tour_id, name, starts_at, ends_at, timezone) VALUES ($1, 'Late', now(), now(), 'UTC')`, [tour.id]);
        const deleting = api(t, asAlice).delete(`${TOURS}/${tour.id}`).then((res) => res);
        // On PostgreSQL, wait until the DELETE (past the service's check, which saw no event) waits
        // for the lock. The embedded database runs one transaction at a time, so there the request
        // waits before its first query, and the service's own check answers instead.
        if (process.env.TEST_DATABASE_EMBEDDED !== '1') await waitForLockedStatement(/^DELETE FROM "tours"/);
        await db.query('COMMIT');
        expectProblem(await deleting, 409);
      });
      expect(await storedTour(tour.id!)).toBeDefined();
    });
  });

  describe('filters, order and pagination', () => {
    const names = ['Alpha 100% Live', 'alpha_beta', 'Gamma', 'ALPHABET City', 'Delta'];

    beforeAll(async () => {
      await withDb((db) => db.query('DELETE FROM events'));
      await withDb((db) => db.query('DELETE FROM tours'));
      // Dates out of order and some missing, to see the order applied; statuses to filter on.
      const specs = [
        { name: names[0], status: 'published', startDate: '2026-09-01' },
        { name: names[1], status: 'draft', startDate: null },
        { name: names[2], status: 'published', startDate: '2026-03-01' },
        { name: names[3], status: 'cancelled', startDate: '2026-03-01' },
        { name: names[4], status: 'published', startDate: null },
      ];
      for (const spec of specs) await createTour(asAlice, spec);
    });

    const list = async (query: string) => (await api(t, asAlice).get(`${TOURS}?${query}`).expect(200)).body;

    it('orders by startDate, tours without one last, then id; pages add up to the whole list', async () => {
      const all = await list('limit=100');
      expect(all.page).toEqual({ limit: 100, offset: 0, total: 5 });
      const dates = all.data.map((tour: { startDate: string | null }) => tour.startDate);
      expect(dates).toEqual(['2026-03-01', '2026-03-01', '2026-09-01', null, null]);
      expect(all.data[0].id < all.data[1].id).toBe(true);
      expect(all.data[3].id < all.data[4].id).toBe(true);

      const pages = [await list('limit=2'), await list('limit=2&offset=2'), await list('limit=2&offset=4'), await list('limit=2&offset=6')];
      expect(pages.map((p) => p.page)).toEqual([0, 2, 4, 6].map((offset) => ({ limit: 2, offset, total: 5 })));
      expect(pages.flatMap((p) => p.data)).toEqual(all.data);
      expect((await list('')).page).toEqual({ limit: 20, offset: 0, total: 5 });
    });

    it('filters by status', async () => {
      const published = await list('status=published');
      expect(published.page.total).toBe(3);
      expect(published.data.map((tour: { name: string }) => tour.name).sort()).toEqual([names[0], names[2], names[4]].sort());
      expect((await list('status=completed')).data).toEqual([]);
    });

    it('searches names case-insensitively, with % and _ taken literally', async () => {
      const byName = async (q: string) =>
        (await list(`q=${encodeURIComponent(q)}`)).data.map((tour: { name: string }) => tour.name).sort();
      expect(await byName('alpha')).toEqual([names[0], names[3], names[1]].sort());
      expect(await byName('100%')).toEqual([names[0]]);
      expect(await byName('%')).toEqual([names[0]]);
      expect(await byName('a_b')).toEqual([names[1]]);
      expect(await byName('_')).toEqual([names[1]]);
      expect(await byName('nothing like it')).toEqual([]);
      const combined = await list('q=alpha&status=published');
      expect(combined.page.total).toBe(1);
    });
  });
});
