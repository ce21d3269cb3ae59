import { Body, Controller, Get, Module, Post } from '@nestjs/common';
import { ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { IsString, Length } from 'class-validator';
import { CurrentPrincipal } from '../src/auth/decorators/current-principal.decorator';
import type { Principal } from '../src/auth/principal';
import { api, apiKeyCaller, Caller, sessionCaller } from './support/callers';
import { expectFieldError } from './support/field-errors';
import { expectProblem } from './support/problem';
import { apiKeyFor, expectCounted, expectThrottled } from './support/rate-limit';
import { startTestApp, TestApp } from './support/test-app';
import { SignedInUser, signUp } from './support/users';

/*
 * A module written the way the README's "Adding a module" section tells an enterprise team to
 * write one: a controller, a DTO, OpenAPI decorators, and nothing about authentication or rate
 * limiting. The tests prove that it is protected, limited, validated and documented by default.
 */

class CreateVenueDto {
  @ApiProperty({ description: 'Venue name, 1–200 characters.', example: 'Olympiastadion' })
  @IsString()
  @Length(1, 200)
  name: string;
}

class VenueDto {
  @ApiProperty({ description: 'Venue name.', example: 'Olympiastadion' })
  name: string;

  @ApiProperty({ description: 'Id of the user who added it.', format: 'uuid' })
  createdBy: string;
}

@ApiTags('venues')
@Controller('venues')
class VenuesController {
  private readonly venues: VenueDto[] = [];

  @Get()
  @ApiOperation({ summary: 'List venues' })
  list(): VenueDto[] {
    return this.venues;
  }

  @Post()
  @ApiOperation({ summary: 'Add a venue' })
  create(@Body() dto: CreateVenueDto, @CurrentPrincipal() principal: Principal): VenueDto {
    const venue = { name: dto.name, createdBy: principal.userId };
    this.venues.push(venue);
    return venue;
  }
}

@Module({ controllers: [VenuesController] })
class VenuesModule {}

const VENUES = '/api/v1/venues';
const LIMIT = 8;
const WINDOW = 60;

describe('extending: a new module is authenticated, rate limited, validated and documented by default', () => {
  let t: TestApp;
  let user: SignedInUser;
  let bySession: Caller;
  let byKey: Caller;

  beforeAll(async () => {
    t = await startTestApp({ imports: [VenuesModule], env: { RATE_LIMIT_MAX: String(LIMIT), RATE_LIMIT_WINDOW_SECONDS: String(WINDOW) } });
    user = await signUp(t, 'venues');
    bySession = sessionCaller(user);
    byKey = apiKeyCaller(await apiKeyFor(t, user)); // the first request of the user's budget
  });
  afterAll(() => t.close());

  it('answers 401 without credentials, and with an unknown key', async () => {
    const anonymous = await t.http().get(VENUES);
    expectProblem(anonymous, 401);
    expect(anonymous.headers['www-authenticate']).toBe('Bearer realm="api"');
    expectProblem(await t.http().post(VENUES).send({ name: 'x' }), 401);
    const guessed = await t.http().get(VENUES).set('Authorization', 'Bearer tke_live_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA');
    expectProblem(guessed, 401);
  });

  it('serves a session and an API key, as the same user, from one budget shared with the rest of the API', async () => {
    // Budget so far: 1 request (creating the key).
    const viaSession = await api(t, bySession).post(VENUES).send({ name: 'Olympiastadion' }).expect(201);
    expect(viaSession.body).toEqual({ name: 'Olympiastadion', createdBy: user.id });
    expectCounted(viaSession, { limit: LIMIT, remaining: LIMIT - 2, window: WINDOW });

    const viaKey = await api(t, byKey).get(VENUES).expect(200);
    expect(viaKey.body).toEqual([viaSession.body]);
    expectCounted(viaKey, { limit: LIMIT, remaining: LIMIT - 3, window: WINDOW });

    // Another module's route draws on the same budget.
    expectCounted(await api(t, byKey).get('/api/v1/me').expect(200), { limit: LIMIT, remaining: LIMIT - 4, window: WINDOW });
  });

  it('applies the CSRF rule and the validation pipe to its routes', async () => {
    expectProblem(await t.http().post(VENUES).set('Cookie', user.cookie).set('Origin', 'https://evil.example').send({ name: 'x' }), 403);
    expectFieldError(await api(t, byKey).post(VENUES).send({ name: 'x', capacity: 10 }), 'capacity');
    expectFieldError(await api(t, byKey).post(VENUES).send({ name: '' }), 'name');
  });

  it('answers 429 once the principal has spent its budget, whichever credential it uses', async () => {
    let last = await api(t, byKey).get(VENUES);
    for (let sent = 1; last.status === 200 && sent <= LIMIT; sent++) last = await api(t, bySession).get(VENUES);
    expectThrottled(last, { limit: LIMIT, window: WINDOW });
    expectThrottled(await api(t, byKey).get(VENUES), { limit: LIMIT, window: WINDOW });
  });

  it('appears in the OpenAPI document with its summaries, both security schemes and the 429', async () => {
    const doc = (await t.http().get('/api/docs-json').expect(200)).body;
    const path = doc.paths[VENUES];
    expect(path.get).toMatchObject({ summary: 'List venues', tags: ['venues'] });
    expect(path.post.summary).toBe('Add a venue');
    expect(path.get.responses['429']).toEqual({ $ref: '#/components/responses/TooManyRequests' });
    expect(doc.security).toEqual(expect.arrayContaining([{ 'api-key': [] }, { session: [] }]));
    expect(doc.components.schemas.CreateVenueDto.properties.name).toMatchObject({ description: expect.any(String), example: 'Olympiastadion' });
  });
});
