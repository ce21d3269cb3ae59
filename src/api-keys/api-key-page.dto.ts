import { ApiProperty } from '@nestjs/swagger';
import { PageInfo } from '../common/pagination/page';
import { ApiKeyDto } from './api-key.dto';

export class ApiKeyPageDto {
  @ApiProperty({ type: [ApiKeyDto], description: 'Newest first.' })
  data: ApiKeyDto[];

  @ApiProperty({ type: PageInfo })
  page: PageInfo;
}
