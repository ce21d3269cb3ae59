import { Column, Entity } from 'typeorm';
import { OwnedEntity } from '../common/domain/owned-entity';
import type { EventStatus } from './event-status';

/** A row of `events` (created by the ToursAndEvents migration; constraints and indexes live there). */
@Entity('events')
export class EventEntity extends OwnedEntity {
  /** References `tours.id` ON DELETE RESTRICT: a tour with events cannot be deleted. */
  @Column({ name: 'tour_id', type: 'uuid', nullable: true })
  tourId: string | null;

  @Column({ name: 'name', type: 'varchar', length: 200 })
  name: string;

  @Column({ name: 'venue', type: 'varchar', length: 200, nullable: true })
  venue: string | null;

  @Column({ name: 'city', type: 'varchar', length: 100, nullable: true })
  city: string | null;

  /** ISO 3166-1 alpha-2, upper case. */
  @Column({ name: 'country', type: 'varchar', length: 2, nullable: true })
  country: string | null;

  @Column({ name: 'starts_at', type: 'timestamptz' })
  startsAt: Date;

  @Column({ name: 'ends_at', type: 'timestamptz' })
  endsAt: Date;

  /** IANA zone of the venue, for displaying local times; the instants above are absolute. */
  @Column({ name: 'timezone', type: 'text' })
  timezone: string;

  @Column({ name: 'capacity', type: 'integer', nullable: true })
  capacity: number | null;

  @Column({ name: 'status', type: 'text', default: 'scheduled' })
  status: EventStatus;
}
