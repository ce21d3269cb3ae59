import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, Max, Min } from 'class-validator';
import { DecimalInteger } from '../validation/field-decorators';

export class PaginationQueryDto {
  @ApiPropertyOptional({ minimum: 1, maximum: 100, default: 20, description: 'Page size.', example: 20 })
  @DecimalInteger()
  @IsInt()
  @Min(1)
  @Max(100)
  limit: number = 20;

  @ApiPropertyOptional({ minimum: 0, maximum: Number.MAX_SAFE_INTEGER, default: 0, description: 'Number of items to skip.', example: 40 })
  @DecimalInteger()
  @IsInt()
  @Min(0)
  // `1e20` is an integer to JavaScript but overflows PostgreSQL's bigint OFFSET (a 500 otherwise).
  @Max(Number.MAX_SAFE_INTEGER)
  offset: number = 0;
}
