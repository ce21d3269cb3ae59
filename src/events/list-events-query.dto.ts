import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsUUID } from 'class-validator';
import { EventFiltersQueryDto } from './event-filters-query.dto';

/** Query of `GET /events`: the event filters plus `tourId`. */
export class ListEventsQueryDto extends EventFiltersQueryDto {
  @ApiPropertyOptional({ description: 'Only events of this tour (an unknown tour gives an empty page).', format: 'uuid', example: '3f2b8c1e-5d4a-4b7e-9c61-0a2f5e8d7b34' })
  @IsOptional()
  @IsUUID('all', { message: 'tourId must be a UUID' })
  tourId?: string;
}
