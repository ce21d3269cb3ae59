import { ApiProperty } from '@nestjs/swagger';
import { ApiKeyDto } from './api-key.dto';

/** The create response: the only place the key is ever shown. */
export class CreatedApiKeyDto extends ApiKeyDto {
  @ApiProperty({
    description: 'The API key. Shown only in this response: it is stored as a hash and cannot be retrieved again.',
    example: 'tke_live_aB3dE5fG7hJ9kL1mN3pQ5rS7tU9vW1xY',
  })
  key: string;
}
