import { ApiProperty } from '@nestjs/swagger';

export class PageInfo {
  @ApiProperty({ example: 20, description: 'The page size used.' })
  limit: number;

  @ApiProperty({ example: 0, description: 'The number of items skipped.' })
  offset: number;

  @ApiProperty({ example: 42, description: 'Total number of items matching the query.' })
  total: number;
}

export interface Page<T> {
  data: T[];
  page: PageInfo;
}

export function toPage<T>(data: T[], total: number, query: { limit: number; offset: number }): Page<T> {
  return { data, page: { limit: query.limit, offset: query.offset, total } };
}
