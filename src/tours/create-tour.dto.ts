import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Length, MaxLength } from 'class-validator';
import { IsCalendarDate } from '../common/validation/date-time';
import { OptionalNotNull, Trim } from '../common/validation/field-decorators';
import { TOUR_STATUSES, TourStatus } from './tour-status';

/**
 * Body of `POST /tours`. Server-owned fields (`id`, `createdBy`, `createdAt`, `updatedAt`) are not
 * declared, so the global validation pipe answers 400 "property … should not exist" for them.
 */
export class CreateTourDto {
  @ApiProperty({ description: 'Display name; surrounding whitespace is trimmed; 1–200 characters.', example: 'Summer Stadium Tour 2026', minLength: 1, maxLength: 200 })
  @Trim()
  @IsString()
  @Length(1, 200, { message: 'name must be 1 to 200 characters long' })
  name: string;

  @ApiPropertyOptional({ description: 'Free text, up to 5,000 characters. `null` clears it.', example: 'Twelve stadium shows across Europe.', maxLength: 5000, type: String, nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(5000, { message: 'description must be at most 5000 characters long' })
  description?: string | null;

  @ApiPropertyOptional({ description: 'Lifecycle status; `draft` when left out.', enum: TOUR_STATUSES, default: 'draft', example: 'published' })
  @OptionalNotNull()
  @IsIn(TOUR_STATUSES)
  status?: TourStatus;

  @ApiPropertyOptional({ description: 'First day of the tour (`YYYY-MM-DD`, a calendar day without time zone). `null` clears it.', example: '2026-06-01', format: 'date', type: String, nullable: true })
  @IsOptional()
  @IsCalendarDate()
  startDate?: string | null;

  @ApiPropertyOptional({ description: 'Last day of the tour (`YYYY-MM-DD`); not before `startDate`. `null` clears it.', example: '2026-08-31', format: 'date', type: String, nullable: true })
  @IsOptional()
  @IsCalendarDate()
  endDate?: string | null;
}
