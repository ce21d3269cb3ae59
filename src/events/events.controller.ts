import { Body, Controller, Delete, Get, HttpCode, HttpStatus, Param, Patch, Post, Query } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiCreatedResponse,
  ApiForbiddenResponse,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiTags,
} from '@nestjs/swagger';
import { CurrentPrincipal } from '../auth/decorators/current-principal.decorator';
import type { Principal } from '../auth/principal';
import { toPage } from '../common/pagination/page';
import { uuidPipe } from '../common/validation/validation';
import { CreateEventDto } from './create-event.dto';
import { EventPageDto } from './event-page.dto';
import { EventDto } from './event.dto';
import { EventsService } from './events.service';
import { ListEventsQueryDto } from './list-events-query.dto';
import { UpdateEventDto } from './update-event.dto';

const EVENT_ID = { name: 'id', format: 'uuid', description: 'The event id.', example: '9a1c7e52-4f0b-4d8e-b3a6-2c5d8e1f7a90' };

@ApiTags('events')
@Controller('events')
export class EventsController {
  constructor(private readonly events: EventsService) {}

  @Get()
  @ApiOperation({
    summary: 'List events',
    description: 'Filtered by `tourId`, `status`, `city`, `country` and a `from`/`to` window on `startsAt`; ordered by `startsAt`, then `id`.',
  })
  @ApiOkResponse({ type: EventPageDto })
  @ApiBadRequestResponse({ description: 'An unknown or invalid query parameter, or `to` before `from`.' })
  async list(@Query() query: ListEventsQueryDto): Promise<EventPageDto> {
    const [events, total] = await this.events.list(query);
    return toPage(events.map(EventDto.from), total, query);
  }

  @Post()
  @ApiOperation({ summary: 'Create an event', description: 'The caller becomes `createdBy`. `status` defaults to `scheduled`.' })
  @ApiCreatedResponse({ type: EventDto })
  @ApiBadRequestResponse({ description: 'Invalid or unknown fields (server-owned fields included), `endsAt` before `startsAt`, or a `tourId` that names no tour.' })
  async create(@Body() dto: CreateEventDto, @CurrentPrincipal() principal: Principal): Promise<EventDto> {
    return EventDto.from(await this.events.create(dto, principal));
  }

  @Get(':id')
  @ApiOperation({ summary: 'Get an event' })
  @ApiParam(EVENT_ID)
  @ApiOkResponse({ type: EventDto })
  @ApiBadRequestResponse({ description: 'The id is not a UUID.' })
  @ApiNotFoundResponse({ description: 'No such event.' })
  async get(@Param('id', uuidPipe()) id: string): Promise<EventDto> {
    return EventDto.from(await this.events.get(id));
  }

  @Patch(':id')
  @ApiOperation({
    summary: 'Update an event',
    description: 'Partial: fields left out keep their value; `null` clears a nullable field. The rules are checked on the merged result.',
  })
  @ApiParam(EVENT_ID)
  @ApiOkResponse({ type: EventDto })
  @ApiBadRequestResponse({ description: 'Invalid or unknown fields, the merged `endsAt` before `startsAt`, or a `tourId` that names no tour.' })
  @ApiNotFoundResponse({ description: 'No such event.' })
  async update(@Param('id', uuidPipe()) id: string, @Body() dto: UpdateEventDto): Promise<EventDto> {
    return EventDto.from(await this.events.update(id, dto));
  }

  @Delete(':id')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({ summary: 'Delete an event', description: 'Only its creator or an admin.' })
  @ApiParam(EVENT_ID)
  @ApiNoContentResponse({ description: 'Deleted.' })
  @ApiForbiddenResponse({ description: 'The caller is neither the creator nor an admin.' })
  @ApiNotFoundResponse({ description: 'No such event.' })
  async remove(@Param('id', uuidPipe()) id: string, @CurrentPrincipal() principal: Principal): Promise<void> {
    await this.events.remove(id, principal);
  }
}
