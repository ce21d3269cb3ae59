import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsISO31661Alpha2, IsOptional, IsString, Length } from 'class-validator';
import { PaginationQueryDto } from '../common/pagination/pagination-query.dto';
import { IsTimestampWithOffset } from '../common/validation/date-time';
import { UpperCase } from '../common/validation/field-decorators';
import { EVENT_STATUSES, EventStatus } from './event-status';

/** Query of `GET /tours/:id/events` (and the base of `GET /events`); an unknown parameter is a 400. */
export class EventFiltersQueryDto extends PaginationQueryDto {
  @ApiPropertyOptional({ description: 'Only events with this status.', enum: EVENT_STATUSES, example: 'scheduled' })
  @IsOptional()
  @IsIn(EVENT_STATUSES)
  status?: EventStatus;

  @ApiPropertyOptional({ description: 'Only events in this city (exact name, case-insensitive).', example: 'berlin', maxLength: 100 })
  @IsOptional()
  @IsString()
  @Length(1, 100, { message: 'city must be 1 to 100 characters long' })
  city?: string;

  @ApiPropertyOptional({ description: 'Only events in this country (ISO 3166-1 alpha-2, any case).', example: 'DE' })
  @IsOptional()
  @UpperCase()
  @IsISO31661Alpha2({ message: 'country must be an ISO 3166-1 alpha-2 code, e.g. DE' })
  country?: string;

  @ApiPropertyOptional({ description: 'Only events starting at or after this instant (inclusive).', format: 'date-time', example: '2026-06-01T00:00:00Z' })
  @IsOptional()
  @IsTimestampWithOffset()
  from?: string;

  @ApiPropertyOptional({ description: 'Only events starting before this instant (exclusive); not before `from`.', format: 'date-time', example: '2026-07-01T00:00:00Z' })
  @IsOptional()
  @IsTimestampWithOffset()
  to?: string;
}
