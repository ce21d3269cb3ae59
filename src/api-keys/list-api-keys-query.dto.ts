import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsUUID, ValidateIf } from 'class-validator';
import { PaginationQueryDto } from '../common/pagination/pagination-query.dto';

export const ALL_USERS = 'all';

export class ListApiKeysQueryDto extends PaginationQueryDto {
  @ApiPropertyOptional({
    description:
      'Whose keys to list: a user id, or `all`. Defaults to the caller. Another user or `all` requires the admin role (403 otherwise).',
    example: 'all',
  })
  @IsOptional()
  @ValidateIf((query: ListApiKeysQueryDto) => query.userId !== ALL_USERS)
  @IsUUID('all', { message: 'userId must be a UUID or "all"' })
  userId?: string;
}
