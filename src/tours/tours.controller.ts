import { Body, Controller, Delete, Get, HttpCode, HttpStatus, Param, Patch, Post, Query } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiConflictResponse,
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
import { CreateTourDto } from './create-tour.dto';
import { ListToursQueryDto } from './list-tours-query.dto';
import { TourPageDto } from './tour-page.dto';
import { TourDto } from './tour.dto';
import { ToursService } from './tours.service';
import { UpdateTourDto } from './update-tour.dto';

const TOUR_ID = { name: 'id', format: 'uuid', description: 'The tour id.', example: '3f2b8c1e-5d4a-4b7e-9c61-0a2f5e8d7b34' };

@ApiTags('tours')
@Controller('tours')
export class ToursController {
  constructor(private readonly tours: ToursService) {}

  @Get()
  @ApiOperation({
    summary: 'List tours',
    description: 'Filtered by `status` and `q` (name substring, case-insensitive), ordered by `startDate` (tours without one last), then `id`.',
  })
  @ApiOkResponse({ type: TourPageDto })
  @ApiBadRequestResponse({ description: 'An unknown or invalid query parameter (e.g. `limit=0`).' })
  async list(@Query() query: ListToursQueryDto): Promise<TourPageDto> {
    const [tours, total] = await this.tours.list(query);
    return toPage(tours.map(TourDto.from), total, query);
  }

  @Post()
  @ApiOperation({ summary: 'Create a tour', description: 'The caller becomes `createdBy`. `status` defaults to `draft`.' })
  @ApiCreatedResponse({ type: TourDto })
  @ApiBadRequestResponse({ description: 'Invalid or unknown fields (server-owned fields included), or `endDate` before `startDate`.' })
  async create(@Body() dto: CreateTourDto, @CurrentPrincipal() principal: Principal): Promise<TourDto> {
    return TourDto.from(await this.tours.create(dto, principal));
  }

  @Get(':id')
  @ApiOperation({ summary: 'Get a tour' })
  @ApiParam(TOUR_ID)
  @ApiOkResponse({ type: TourDto })
  @ApiBadRequestResponse({ description: 'The id is not a UUID.' })
  @ApiNotFoundResponse({ description: 'No such tour.' })
  async get(@Param('id', uuidPipe()) id: string): Promise<TourDto> {
    return TourDto.from(await this.tours.get(id));
  }

  @Patch(':id')
  @ApiOperation({
    summary: 'Update a tour',
    description: 'Partial: fields left out keep their value; `null` clears a nullable field. The rules are checked on the merged result.',
  })
  @ApiParam(TOUR_ID)
  @ApiOkResponse({ type: TourDto })
  @ApiBadRequestResponse({ description: 'Invalid or unknown fields, or the merged `endDate` before `startDate`.' })
  @ApiNotFoundResponse({ description: 'No such tour.' })
  async update(@Param('id', uuidPipe()) id: string, @Body() dto: UpdateTourDto): Promise<TourDto> {
    return TourDto.from(await this.tours.update(id, dto));
  }

  @Delete(':id')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({ summary: 'Delete a tour', description: 'Only its creator or an admin; only once it has no events.' })
  @ApiParam(TOUR_ID)
  @ApiNoContentResponse({ description: 'Deleted.' })
  @ApiForbiddenResponse({ description: 'The caller is neither the creator nor an admin.' })
  @ApiNotFoundResponse({ description: 'No such tour.' })
  @ApiConflictResponse({ description: 'The tour still has events.' })
  async remove(@Param('id', uuidPipe()) id: string, @CurrentPrincipal() principal: Principal): Promise<void> {
    await this.tours.remove(id, principal);
  }
}
