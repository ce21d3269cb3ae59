import { Column, Entity } from 'typeorm';
import { OwnedEntity } from '../common/domain/owned-entity';
import type { TourStatus } from './tour-status';

/** A row of `tours` (created by the ToursAndEvents migration; constraints live there too). */
@Entity('tours')
export class TourEntity extends OwnedEntity {
  @Column({ name: 'name', type: 'varchar', length: 200 })
  name: string;

  @Column({ name: 'description', type: 'text', nullable: true })
  description: string | null;

  @Column({ name: 'status', type: 'text', default: 'draft' })
  status: TourStatus;

  /** `YYYY-MM-DD`: a calendar day, not an instant, so it never shifts with a time zone. */
  @Column({ name: 'start_date', type: 'date', nullable: true })
  startDate: string | null;

  @Column({ name: 'end_date', type: 'date', nullable: true })
  endDate: string | null;
}
