import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, Length } from 'class-validator';
import { IsTimestampWithOffset } from '../common/validation/date-time';
import { Trim } from '../common/validation/field-decorators';

export class CreateApiKeyDto {
  @ApiProperty({
    description: 'What the key is for, to recognise it later. Trimmed; 1 to 100 characters.',
    example: 'Zapier production',
    minLength: 1,
    maxLength: 100,
  })
  @Trim()
  @IsString()
  @Length(1, 100)
  name: string;

  @ApiPropertyOptional({
    description:
      'When the key stops working: an ISO 8601 timestamp with a time-zone offset, in the future. ' +
      'Omit it (or send null) for a key that does not expire.',
    example: '2027-01-31T23:59:59Z',
    format: 'date-time',
    type: String,
    nullable: true,
  })
  @IsOptional()
  @IsTimestampWithOffset()
  expiresAt?: string | null;
}
