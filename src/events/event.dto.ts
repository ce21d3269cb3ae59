import { ApiProperty } from '@nestjs/swagger';
import { EVENT_STATUSES, EventStatus } from './event-status';
import type { EventEntity } from './event.entity';

/** An event as the API returns it; instants are UTC ISO 8601 strings. */
export class EventDto {
  @ApiProperty({ description: 'Event id (server-generated).', format: 'uuid', example: '9a1c7e52-4f0b-4d8e-b3a6-2c5d8e1f7a90' })
  id: string;

  @ApiProperty({ description: 'The tour it belongs to, or null.', format: 'uuid', example: '3f2b8c1e-5d4a-4b7e-9c61-0a2f5e8d7b34', type: String, nullable: true })
  tourId: string | null;

  @ApiProperty({ description: 'Display name.', example: 'Berlin — Olympiastadion' })
  name: string;

  @ApiProperty({ description: 'Venue name, or null.', example: 'Olympiastadion', type: String, nullable: true })
  venue: string | null;

  @ApiProperty({ description: 'City, or null.', example: 'Berlin', type: String, nullable: true })
  city: string | null;

  @ApiProperty({ description: 'ISO 3166-1 alpha-2 country code, upper-case, or null.', example: 'DE', type: String, nullable: true })
  country: string | null;

  @ApiProperty({ description: 'Start, UTC.', format: 'date-time', example: '2026-06-12T17:30:00.000Z' })
  startsAt: string;

  @ApiProperty({ description: 'End, UTC.', format: 'date-time', example: '2026-06-12T21:00:00.000Z' })
  endsAt: string;

  @ApiProperty({ description: 'IANA time-zone name of the venue.', example: 'Europe/Berlin' })
  timezone: string;

  @ApiProperty({ description: 'Number of places, or null.', example: 74475, type: Number, nullable: true })
  capacity: number | null;

  @ApiProperty({ description: 'Lifecycle status.', enum: EVENT_STATUSES, example: 'scheduled' })
  status: EventStatus;

  @ApiProperty({ description: 'Id of the user who created the event (for API keys, the key owner); null if that user was deleted.', format: 'uuid', example: '0b7f4a8e-2b0e-4c55-9f3a-7f1d2d6c9a10', type: String, nullable: true })
  createdBy: string | null;

  @ApiProperty({ description: 'Creation time, UTC.', format: 'date-time', example: '2026-01-15T09:30:00.000Z' })
  createdAt: string;

  @ApiProperty({ description: 'Last change, UTC.', format: 'date-time', example: '2026-01-16T11:02:41.000Z' })
  updatedAt: string;

  static from(event: EventEntity): EventDto {
    return {
      id: event.id,
      tourId: event.tourId,
      name: event.name,
      venue: event.venue,
      city: event.city,
      country: event.country,
      startsAt: event.startsAt.toISOString(),
      endsAt: event.endsAt.toISOString(),
      timezone: event.timezone,
      capacity: event.capacity,
      status: event.status,
      createdBy: event.createdBy,
      createdAt: event.createdAt.toISOString(),
      updatedAt: event.updatedAt.toISOString(),
    };
  }
}
