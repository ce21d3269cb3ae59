import { ApiProperty } from '@nestjs/swagger';
import { PageInfo } from '../common/pagination/page';
import { TourDto } from './tour.dto';

/** One page of tours, ordered by `startDate` (tours without one last), then `id`. */
export class TourPageDto {
  @ApiProperty({ type: [TourDto], description: 'The tours of this page.' })
  data: TourDto[];

  @ApiProperty({ type: PageInfo, description: 'The page requested and the total number of matching tours.' })
  page: PageInfo;
}
