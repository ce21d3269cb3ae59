import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBadRequestResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { toPage } from '../common/pagination/page';
import { uuidPipe } from '../common/validation/validation';
import { EventFiltersQueryDto } from './event-filters-query.dto';
import { EventPageDto } from './event-page.dto';
import { EventDto } from './event.dto';
import { EventsService } from './events.service';

/** `GET /tours/:id/events` lives here, with the events, so ToursModule does not depend on EventsModule. */
@ApiTags('tours')
@Controller('tours/:id/events')
export class TourEventsController {
  constructor(private readonly events: EventsService) {}

  @Get()
  @ApiOperation({
    summary: "List a tour's events",
    description: 'The same filters, order and pages as `GET /events`, within one tour.',
  })
  @ApiParam({ name: 'id', format: 'uuid', description: 'The tour id.', example: '3f2b8c1e-5d4a-4b7e-9c61-0a2f5e8d7b34' })
  @ApiOkResponse({ type: EventPageDto })
  @ApiBadRequestResponse({ description: 'The id is not a UUID, or an unknown or invalid query parameter.' })
  @ApiNotFoundResponse({ description: 'No such tour.' })
  async list(@Param('id', uuidPipe()) tourId: string, @Query() query: EventFiltersQueryDto): Promise<EventPageDto> {
    const [events, total] = await this.events.listForTour(tourId, query);
    return toPage(events.map(EventDto.from), total, query);
  }
}
