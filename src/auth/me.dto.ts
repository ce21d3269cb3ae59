import { ApiProperty } from '@nestjs/swagger';

export class MeDto {
  @ApiProperty({ format: 'uuid', example: '0b7f4a8e-2b0e-4c55-9f3a-7f1d2d6c9a10' })
  userId: string;

  @ApiProperty({ example: 'ada@example.com' })
  email: string;

  @ApiProperty({ example: 'Ada Lovelace' })
  name: string;

  @ApiProperty({ enum: ['admin', 'member'] })
  role: string;

  @ApiProperty({ enum: ['session', 'api_key'], description: 'How this request was authenticated.' })
  method: string;

  @ApiProperty({ format: 'uuid', nullable: true, type: String, description: 'The API key used, for API-key requests.' })
  apiKeyId: string | null;
}
