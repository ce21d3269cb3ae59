import { PartialType } from '@nestjs/swagger';
import { CreateEventDto } from './create-event.dto';

/**
 * Body of `PATCH /events/:id`: any subset of the create fields. With `skipNullProperties: false`,
 * `null` is validated, so it clears nullable fields and is a 400 for required ones.
 */
export class UpdateEventDto extends PartialType(CreateEventDto, { skipNullProperties: false }) {}
