import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsInt, IsISO31661Alpha2, IsOptional, IsString, IsUUID, Length, Max, Min } from 'class-validator';
import { IsIanaTimeZone, IsTimestampWithOffset } from '../common/validation/date-time';
import { OptionalNotNull, Trim, UpperCase } from '../common/validation/field-decorators';
import { EVENT_STATUSES, EventStatus } from './event-status';

/** PostgreSQL `integer`: a larger capacity would be a database error instead of a 400. */
const MAX_CAPACITY = 2_147_483_647;

/**
 * Body of `POST /events`. Required: `name`, `startsAt`, `endsAt`, `timezone` (an event is a named
 * time slot somewhere); everything else is optional. Server-owned fields are not declared, so
 * sending them is a 400.
 */
export class CreateEventDto {
  @ApiPropertyOptional({ description: 'The tour this event belongs to; must exist. `null` detaches it.', format: 'uuid', example: '3f2b8c1e-5d4a-4b7e-9c61-0a2f5e8d7b34', type: String, nullable: true })
  @IsOptional()
  @IsUUID('all', { message: 'tourId must be a UUID' })
  tourId?: string | null;

  @ApiProperty({ description: 'Display name; surrounding whitespace is trimmed; 1–200 characters.', example: 'Berlin — Olympiastadion', minLength: 1, maxLength: 200 })
  @Trim()
  @IsString()
  @Length(1, 200, { message: 'name must be 1 to 200 characters long' })
  name: string;

  @ApiPropertyOptional({ description: 'Venue name, trimmed, 1–200 characters. `null` clears it.', example: 'Olympiastadion', maxLength: 200, type: String, nullable: true })
  @IsOptional()
  @Trim()
  @IsString()
  @Length(1, 200, { message: 'venue must be 1 to 200 characters long' })
  venue?: string | null;

  @ApiPropertyOptional({ description: 'City, trimmed, 1–100 characters. `null` clears it.', example: 'Berlin', maxLength: 100, type: String, nullable: true })
  @IsOptional()
  @Trim()
  @IsString()
  @Length(1, 100, { message: 'city must be 1 to 100 characters long' })
  city?: string | null;

  @ApiPropertyOptional({ description: 'ISO 3166-1 alpha-2 country code; accepted in any case, stored upper-case. `null` clears it.', example: 'DE', minLength: 2, maxLength: 2, type: String, nullable: true })
  @IsOptional()
  @UpperCase()
  @IsISO31661Alpha2({ message: 'country must be an ISO 3166-1 alpha-2 code, e.g. DE' })
  country?: string | null;

  @ApiProperty({ description: 'Start, as an ISO 8601 timestamp with `Z` or an offset; stored to the millisecond, returned in UTC.', format: 'date-time', example: '2026-06-12T19:30:00+02:00' })
  @IsTimestampWithOffset()
  startsAt: string;

  @ApiProperty({ description: 'End, like `startsAt`; not before it.', format: 'date-time', example: '2026-06-12T23:00:00+02:00' })
  @IsTimestampWithOffset()
  endsAt: string;

  @ApiProperty({ description: 'IANA time-zone name of the venue, for showing local times.', example: 'Europe/Berlin' })
  @IsIanaTimeZone()
  timezone: string;

  @ApiPropertyOptional({ description: 'Number of places, an integer ≥ 0. `null` clears it.', example: 74475, minimum: 0, maximum: MAX_CAPACITY, type: Number, nullable: true })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(MAX_CAPACITY)
  capacity?: number | null;

  @ApiPropertyOptional({ description: 'Lifecycle status; `scheduled` when left out.', enum: EVENT_STATUSES, default: 'scheduled', example: 'scheduled' })
  @OptionalNotNull()
  @IsIn(EVENT_STATUSES)
  status?: EventStatus;
}
