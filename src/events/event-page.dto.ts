import { ApiProperty } from '@nestjs/swagger';
import { PageInfo } from '../common/pagination/page';
import { EventDto } from './event.dto';

/** One page of events, ordered by `startsAt`, then `id`. */
export class EventPageDto {
  @ApiProperty({ type: [EventDto], description: 'The events of this page.' })
  data: EventDto[];

  @ApiProperty({ type: PageInfo, description: 'The page requested and the total number of matching events.' })
  page: PageInfo;
}
