import { api, Caller } from './support/callers';
import { startDomainApp } from './support/domain-app';
import { expectFieldError } from './support/field-errors';
import { expectProblem } from './support/problem';
import { TestApp, withDb } from './support/test-app';
import { SignedInUser } from './support/users';

const EVENTS = '/api/v1/events';
const TOURS = '/api/v1/tours';
const MISSING_ID = '00000000-0000-4000-8000-000000000000';

/** The smallest valid event: the four required fields. */
const minimal = { name: 'Show', startsAt: '2026-06-12T19:30:00+02:00', endsAt: '2026-06-12T23:00:00+02:00', timezone: 'Europe/Berlin' };

describe('events', () => {
  let t: TestApp;
  let alice: SignedInUser;
  let callers: Record<'session' | 'api_key', Caller>;
  let asAlice: Caller;
  let asBob: Caller;
  let asAdmin: Caller;
  let tourId: string;

  beforeAll(async () => {
    ({ t, alice, asAdmin, asAlice, asBob, callers } = await startDomainApp());
    tourId = (await api(t, asAlice).post(TOURS).send({ name: 'Home tour' }).expect(201)).body.id;
  });
  afterAll(() => t.close());

  const createEvent = async (caller: Caller, body: Record<string, unknown> = {}) => {
    const res = await api(t, caller).post(EVENTS).send({ ...minimal, ...body });
    expect(res.status).toBe(201);
    return res.body as Record<string, string | number | null>;
  };
  const storedEvent = (id: string) => withDb(async (db) => (await db.query('SELECT * FROM events WHERE id = $1', [id])).rows[0]);

  describe.each(['session', 'api_key'] as const)('CRUD through %s', (method) => {
    it('creates, reads, lists, updates and deletes an event', async () => {
      const caller = callers[method];
      const created = await api(t, caller).post(EVENTS).send({
        tourId,
        name: '  Berlin  ',
        venue: ' Olympiastadion ',
        city: 'Berlin',
        country: 'de',
        startsAt: '2026-06-12T19:30:00+02:00',
        endsAt: '2026-06-12T23:00:00.5+02:00',
        timezone: 'Europe/Berlin',
        capacity: 74475,
      }).expect(201);
      // Trimmed, country upper-cased, instants returned in UTC, defaults applied, caller recorded.
      expect(created.body).toEqual({
        id: expect.stringMatching(/^[0-9a-f-]{36}$/),
        tourId,
        name: 'Berlin',
        venue: 'Olympiastadion',
        city: 'Berlin',
        country: 'DE',
        startsAt: '2026-06-12T17:30:00.000Z',
        endsAt: '2026-06-12T21:00:00.500Z',
        timezone: 'Europe/Berlin',
        capacity: 74475,
        status: 'scheduled',
        createdBy: alice.id,
        createdAt: expect.stringMatching(/Z$/),
        updatedAt: expect.stringMatching(/Z$/),
      });
      const id = created.body.id as string;

      await api(t, caller).get(`${EVENTS}/${id}`).expect(200, created.body);
      const listed = await api(t, caller).get(`${EVENTS}?tourId=${tourId}&limit=100`).expect(200);
      expect(listed.body.data).toContainEqual(created.body);
      const ofTour = await api(t, caller).get(`${TOURS}/${tourId}/events?limit=100`).expect(200);
      expect(ofTour.body.data).toContainEqual(created.body);

      const patched = await api(t, caller).patch(`${EVENTS}/${id}`)
        .send({ status: 'postponed', endsAt: '2026-06-13T00:30:00+02:00', venue: null, tourId: null })
        .expect(200);
      expect(patched.body).toEqual({
        ...created.body,
        status: 'postponed',
        endsAt: '2026-06-12T22:30:00.000Z',
        venue: null,
        tourId: null,
        updatedAt: expect.any(String),
      });
      await api(t, caller).get(`${EVENTS}/${id}`).expect(200, patched.body);

      await api(t, caller).delete(`${EVENTS}/${id}`).expect(204);
      expectProblem(await api(t, caller).get(`${EVENTS}/${id}`), 404);
      expect(await storedEvent(id)).toBeUndefined();
    });
  });

  it('needs only name, startsAt, endsAt and timezone; the rest is null or defaulted', async () => {
    const event = await createEvent(asAlice);
    expect(event).toMatchObject({ tourId: null, venue: null, city: null, country: null, capacity: null, status: 'scheduled' });
  });

  it('accepts a zero-length event, capacity 0 and any IANA zone the runtime knows', async () => {
    const event = await createEvent(asAlice, { startsAt: '2026-06-12T20:00:00Z', endsAt: '2026-06-12T20:00:00Z', capacity: 0, timezone: 'UTC' });
    expect(event).toMatchObject({ startsAt: '2026-06-12T20:00:00.000Z', endsAt: '2026-06-12T20:00:00.000Z', capacity: 0, timezone: 'UTC' });
    await createEvent(asAlice, { timezone: 'America/Argentina/Buenos_Aires' });
  });

  it('refuses requests without credentials', async () => {
    expectProblem(await t.http().get(EVENTS), 401);
    expectProblem(await t.http().post(EVENTS).send(minimal), 401);
  });

  it('refuses a cookie-authenticated write from an untrusted origin (CSRF)', async () => {
    const res = await t.http().post(EVENTS).set('Cookie', alice.cookie).set('Origin', 'https://evil.example').send(minimal);
    expectProblem(res, 403);
  });

  describe('bad input is a 400 naming the field, and nothing is written', () => {
    const countEvents = () => withDb(async (db) => Number((await db.query('SELECT count(*) FROM events')).rows[0].count));
    const without = (field: keyof typeof minimal) => Object.fromEntries(Object.entries(minimal).filter(([key]) => key !== field));

    it.each([
      ['missing name', without('name'), 'name'],
      ['missing startsAt', without('startsAt'), 'startsAt'],
      ['missing endsAt', without('endsAt'), 'endsAt'],
      ['missing timezone', without('timezone'), 'timezone'],
      ['a name of 201 characters', { ...minimal, name: 'x'.repeat(201) }, 'name'],
      ['a blank name', { ...minimal, name: ' ' }, 'name'],
      ['a venue of 201 characters', { ...minimal, venue: 'v'.repeat(201) }, 'venue'],
      ['a city of 101 characters', { ...minimal, city: 'c'.repeat(101) }, 'city'],
      ['an end before the start', { ...minimal, endsAt: '2026-06-12T19:29:59+02:00' }, 'endsAt'],
      ['an end before the start once offsets are applied', { ...minimal, startsAt: '2026-06-12T20:00:00Z', endsAt: '2026-06-12T21:00:00+02:00' }, 'endsAt'],
      ['an unknown timezone', { ...minimal, timezone: 'Mars/Olympus_Mons' }, 'timezone'],
      ['an offset instead of a timezone', { ...minimal, timezone: '+02:00' }, 'timezone'],
      ['country XX1', { ...minimal, country: 'XX1' }, 'country'],
      ['an unassigned country code', { ...minimal, country: 'XX' }, 'country'],
      ['a negative capacity', { ...minimal, capacity: -1 }, 'capacity'],
      ['a fractional capacity', { ...minimal, capacity: 1.5 }, 'capacity'],
      ['a capacity as a string', { ...minimal, capacity: '10' }, 'capacity'],
      ['a capacity beyond a database integer', { ...minimal, capacity: 2 ** 31 }, 'capacity'],
      ['a malformed startsAt', { ...minimal, startsAt: '12/06/2026 19:30' }, 'startsAt'],
      ['a startsAt without an offset', { ...minimal, startsAt: '2026-06-12T19:30:00' }, 'startsAt'],
      ['a date-only startsAt', { ...minimal, startsAt: '2026-06-12' }, 'startsAt'],
      ['an endsAt on a day that does not exist', { ...minimal, endsAt: '2026-02-30T10:00:00Z' }, 'endsAt'],
      ['an unknown status', { ...minimal, status: 'sold-out' }, 'status'],
      ['a tourId that is not a UUID', { ...minimal, tourId: 'tour-1' }, 'tourId'],
      ['a tourId that names no tour', { ...minimal, tourId: MISSING_ID }, 'tourId'],
      ['an unknown field', { ...minimal, price: 10 }, 'price'],
      ['a server-owned id', { ...minimal, id: MISSING_ID }, 'id'],
      ['a server-owned createdBy', { ...minimal, createdBy: MISSING_ID }, 'createdBy'],
      ['a server-owned createdAt', { ...minimal, createdAt: '2026-01-01T00:00:00Z' }, 'createdAt'],
      ['a server-owned updatedAt', { ...minimal, updatedAt: '2026-01-01T00:00:00Z' }, 'updatedAt'],
    ])('POST with %s', async (_case, body, field) => {
      const before = await countEvents();
      expectFieldError(await api(t, asAlice).post(EVENTS).send(body), field);
      expect(await countEvents()).toBe(before);
    });

    it('explains a tourId that names no tour', async () => {
      const res = await api(t, asAlice).post(EVENTS).send({ ...minimal, tourId: MISSING_ID });
      expect(res.body.errors).toEqual([{ field: 'tourId', message: expect.stringMatching(/existing tour/) }]);
    });

    it.each([
      ['an endsAt before the stored startsAt', { endsAt: '2026-06-12T17:00:00Z' }, 'endsAt'],
      ['a startsAt after the stored endsAt', { startsAt: '2026-06-13T00:00:00Z' }, 'endsAt'],
      ['a null name', { name: null }, 'name'],
      ['a null startsAt', { startsAt: null }, 'startsAt'],
      ['a null timezone', { timezone: null }, 'timezone'],
      ['a null status', { status: null }, 'status'],
      ['an unknown timezone', { timezone: 'Europe/Atlantis' }, 'timezone'],
      ['a negative capacity', { capacity: -5 }, 'capacity'],
      ['a tourId that names no tour', { tourId: MISSING_ID }, 'tourId'],
      ['a server-owned createdBy', { createdBy: MISSING_ID }, 'createdBy'],
      ['an unknown field', { description: 'x' }, 'description'],
    ])('PATCH with %s leaves the event unchanged', async (_case, body, field) => {
      const event = await createEvent(asAlice, { tourId, capacity: 10 });
      const before = await storedEvent(event.id as string);
      expectFieldError(await api(t, asAlice).patch(`${EVENTS}/${event.id}`).send(body), field);
      expect(await storedEvent(event.id as string)).toEqual(before);
    });

    it('PATCH checks the merged times: moving both together is fine', async () => {
      const event = await createEvent(asAlice);
      const moved = await api(t, asAlice).patch(`${EVENTS}/${event.id}`)
        .send({ startsAt: '2027-01-01T20:00:00Z', endsAt: '2027-01-01T22:00:00Z' })
        .expect(200);
      expect(moved.body).toMatchObject({ startsAt: '2027-01-01T20:00:00.000Z', endsAt: '2027-01-01T22:00:00.000Z' });
    });

    it('answers an invalid UUID with 400 and an unknown id with 404, on every :id route', async () => {
      for (const send of [
        (path: string) => api(t, asAlice).get(path),
        (path: string) => api(t, asAlice).patch(path).send({ name: 'x' }),
        (path: string) => api(t, asAlice).delete(path),
      ]) {
        expectFieldError(await send(`${EVENTS}/not-a-uuid`), 'id');
        expectProblem(await send(`${EVENTS}/${MISSING_ID}`), 404);
      }
    });

    it.each([
      ['limit=0', 'limit'],
      ['limit=101', 'limit'],
      ['offset=1.5', 'offset'],
      ['offset=1e20', 'offset'], // an integer to JavaScript, but beyond PostgreSQL's bigint
      ['from=yesterday', 'from'],
      ['to=2026-06-01', 'to'],
      ['from=2026-07-01T00:00:00Z&to=2026-06-01T00:00:00Z', 'to'],
      ['status=sold-out', 'status'],
      ['country=XX1', 'country'],
      ['tourId=abc', 'tourId'],
      ['city=', 'city'],
      ['sort=startsAt', 'sort'],
    ])('GET /events?%s', async (query, field) => {
      expectFieldError(await api(t, asAlice).get(`${EVENTS}?${query}`), field);
    });

    it.each([
      ['limit=101', 'limit'],
      ['tourId=' + MISSING_ID, 'tourId'], // the tour is in the path
    ])('GET /tours/:id/events?%s', async (query, field) => {
      expectFieldError(await api(t, asAlice).get(`${TOURS}/${tourId}/events?${query}`), field);
    });
  });

  describe('deleting', () => {
    it('by a member who did not create the event: 403, and the event is still there', async () => {
      const event = await createEvent(asAlice);
      expectProblem(await api(t, asBob).delete(`${EVENTS}/${event.id}`), 403);
      await api(t, asBob).get(`${EVENTS}/${event.id}`).expect(200, event);
    });

    it('by an admin who did not create it: 204', async () => {
      const event = await createEvent(asAlice);
      await api(t, asAdmin).delete(`${EVENTS}/${event.id}`).expect(204);
      expect(await storedEvent(event.id as string)).toBeUndefined();
    });

    it('members may still read and update each other’s events', async () => {
      const event = await createEvent(asAlice);
      const res = await api(t, asBob).patch(`${EVENTS}/${event.id}`).send({ status: 'cancelled' }).expect(200);
      expect(res.body).toMatchObject({ status: 'cancelled', createdBy: alice.id });
    });
  });

  describe('filters, order and pagination on a seeded set', () => {
    interface Seed { id: string; tour: 'a' | 'b' | null; city: string | null; country: string | null; status: string; startsAt: string }
    const seeds: Seed[] = [];
    const tours: Record<'a' | 'b', string> = { a: '', b: '' };

    beforeAll(async () => {
      await withDb((db) => db.query('DELETE FROM events'));
      tours.a = (await api(t, asAlice).post(TOURS).send({ name: 'Tour A' }).expect(201)).body.id;
      tours.b = (await api(t, asAlice).post(TOURS).send({ name: 'Tour B' }).expect(201)).body.id;
      // 40 events over 20 days, two per day at the same instant (to see the id tie-break),
      // cycling through tours, cities (in mixed case), countries and statuses.
      const cities = [['Berlin', 'DE'], ['BERLIN', 'DE'], ['Paris', 'FR'], ['Lyon', 'FR'], [null, null]] as const;
      const statuses = ['scheduled', 'cancelled', 'postponed', 'completed'];
      const tourCycle = ['a', 'b', null] as const;
      await withDb(async (db) => {
        for (let i = 0; i < 40; i++) {
          const startsAt = new Date(Date.UTC(2026, 5, 1 + Math.floor(i / 2), 20)).toISOString();
          const [city, country] = cities[i % cities.length];
          const tour = tourCycle[i % tourCycle.length];
          const status = statuses[i % statuses.length];
          const { rows } = await db.query<{ id: string }>(
            `INSERT INTO events (tour_id, name, city, country, starts_at, ends_at, timezone, status, created_by)
             VALUES ($1, $2, $3, $4, $5, $5, 'UTC', $6, $7) RETURNING id`,
            [tour && tours[tour], `Seed ${i}`, city, country, startsAt, status, alice.id],
          );
          seeds.push({ id: rows[0].id, tour, city, country, status, startsAt });
        }
      });
      // The expected order: startsAt, then id.
      seeds.sort((x, y) => x.startsAt.localeCompare(y.startsAt) || (x.id < y.id ? -1 : 1));
    });

    const list = async (path: string) => (await api(t, asAlice).get(path).expect(200)).body;
    const ids = (page: { data: Array<{ id: string }> }) => page.data.map((event) => event.id);
    /** Every page of `path` (with `limit=7`), checking each page's metadata, concatenated. */
    const allPages = async (path: string, total: number) => {
      const collected: string[] = [];
      for (let offset = 0; offset < total + 7; offset += 7) {
        const page = await list(`${path}${path.includes('?') ? '&' : '?'}limit=7&offset=${offset}`);
        expect(page.page).toEqual({ limit: 7, offset, total });
        collected.push(...ids(page));
      }
      return collected;
    };

    it('orders by startsAt then id, with stable pages that add up to the whole set', async () => {
      expect(await allPages(EVENTS, 40)).toEqual(seeds.map((s) => s.id));
      expect((await list(EVENTS)).page).toEqual({ limit: 20, offset: 0, total: 40 });
    });

    it.each([
      ['tourId', (s: Seed) => s.tour === 'a', () => `tourId=${tours.a}`],
      ['status', (s: Seed) => s.status === 'cancelled', () => 'status=cancelled'],
      ['city, case-insensitively', (s: Seed) => s.city?.toLowerCase() === 'berlin', () => 'city=bErLiN'],
      ['country', (s: Seed) => s.country === 'FR', () => 'country=FR'],
      ['country in lower case', (s: Seed) => s.country === 'FR', () => 'country=fr'],
      ['from (inclusive)', (s: Seed) => s.startsAt >= '2026-06-15T20:00:00.000Z', () => 'from=2026-06-15T20:00:00Z'],
      ['to (exclusive), with an offset', (s: Seed) => s.startsAt < '2026-06-05T20:00:00.000Z', () => 'to=2026-06-05T22:00:00%2B02:00'],
      [
        'tourId, status, country and a window together',
        (s: Seed) => s.tour === 'b' && s.country === 'DE' && s.startsAt >= '2026-06-03T00:00:00.000Z' && s.startsAt < '2026-06-18T00:00:00.000Z',
        () => `tourId=${tours.b}&country=DE&from=2026-06-03T00:00:00Z&to=2026-06-18T00:00:00Z`,
      ],
    ])('filters by %s', async (_case, matches, query) => {
      const expected = seeds.filter(matches).map((s) => s.id);
      expect(expected.length).toBeGreaterThan(0);
      expect(await allPages(`${EVENTS}?${query()}`, expected.length)).toEqual(expected);
    });

    it('returns an empty page, not an error, when nothing matches', async () => {
      expect(await list(`${EVENTS}?tourId=${MISSING_ID}`)).toEqual({ data: [], page: { limit: 20, offset: 0, total: 0 } });
      expect(await list(`${EVENTS}?from=2030-01-01T00:00:00Z`)).toEqual({ data: [], page: { limit: 20, offset: 0, total: 0 } });
    });

    it("lists a tour's events with the same filters and pages", async () => {
      const ofA = seeds.filter((s) => s.tour === 'a');
      expect(await allPages(`${TOURS}/${tours.a}/events`, ofA.length)).toEqual(ofA.map((s) => s.id));
      const scheduledOfB = seeds.filter((s) => s.tour === 'b' && s.status === 'scheduled');
      expect(await allPages(`${TOURS}/${tours.b}/events?status=scheduled`, scheduledOfB.length)).toEqual(scheduledOfB.map((s) => s.id));
    });

    it("answers 404 for the events of a tour that does not exist, and an empty page for a tour without events", async () => {
      expectProblem(await api(t, asAlice).get(`${TOURS}/${MISSING_ID}/events`), 404);
      const empty = (await api(t, asAlice).post(TOURS).send({ name: 'Empty' }).expect(201)).body.id;
      expect(await list(`${TOURS}/${empty}/events`)).toEqual({ data: [], page: { limit: 20, offset: 0, total: 0 } });
    });
  });
});
