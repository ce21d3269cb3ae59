import { PartialType } from '@nestjs/swagger';
import { CreateTourDto } from './create-tour.dto';

/**
 * Body of `PATCH /tours/:id`: any subset of the create fields. `skipNullProperties: false` makes
 * `null` go through the field's validators, so `{"name": null}` is a 400 while nullable fields
 * (`description`, dates) accept `null` to clear them.
 */
export class UpdateTourDto extends PartialType(CreateTourDto, { skipNullProperties: false }) {}
