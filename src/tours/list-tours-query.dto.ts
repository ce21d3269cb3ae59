import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Length } from 'class-validator';
import { PaginationQueryDto } from '../common/pagination/pagination-query.dto';
import { TOUR_STATUSES, TourStatus } from './tour-status';

/** Query of `GET /tours`; an unknown parameter is a 400. */
export class ListToursQueryDto extends PaginationQueryDto {
  @ApiPropertyOptional({ description: 'Only tours with this status.', enum: TOUR_STATUSES, example: 'published' })
  @IsOptional()
  @IsIn(TOUR_STATUSES)
  status?: TourStatus;

  @ApiPropertyOptional({ description: 'Case-insensitive substring of the name; `%` and `_` match literally.', example: 'summer', minLength: 1, maxLength: 200 })
  @IsOptional()
  @IsString()
  @Length(1, 200, { message: 'q must be 1 to 200 characters long' })
  q?: string;
}
