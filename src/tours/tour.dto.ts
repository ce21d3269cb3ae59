import { ApiProperty } from '@nestjs/swagger';
import { TOUR_STATUSES, TourStatus } from './tour-status';
import type { TourEntity } from './tour.entity';

/** A tour as the API returns it. */
export class TourDto {
  @ApiProperty({ description: 'Tour id (server-generated).', format: 'uuid', example: '3f2b8c1e-5d4a-4b7e-9c61-0a2f5e8d7b34' })
  id: string;

  @ApiProperty({ description: 'Display name.', example: 'Summer Stadium Tour 2026' })
  name: string;

  @ApiProperty({ description: 'Free text, or null.', example: 'Twelve stadium shows across Europe.', type: String, nullable: true })
  description: string | null;

  @ApiProperty({ description: 'Lifecycle status.', enum: TOUR_STATUSES, example: 'published' })
  status: TourStatus;

  @ApiProperty({ description: 'First day (`YYYY-MM-DD`), or null.', format: 'date', example: '2026-06-01', type: String, nullable: true })
  startDate: string | null;

  @ApiProperty({ description: 'Last day (`YYYY-MM-DD`), or null.', format: 'date', example: '2026-08-31', type: String, nullable: true })
  endDate: string | null;

  @ApiProperty({ description: 'Id of the user who created the tour (for API keys, the key owner); null if that user was deleted.', format: 'uuid', example: '0b7f4a8e-2b0e-4c55-9f3a-7f1d2d6c9a10', type: String, nullable: true })
  createdBy: string | null;

  @ApiProperty({ description: 'Creation time, UTC.', format: 'date-time', example: '2026-01-15T09:30:00.000Z' })
  createdAt: string;

  @ApiProperty({ description: 'Last change, UTC.', format: 'date-time', example: '2026-01-16T11:02:41.000Z' })
  updatedAt: string;

  static from(tour: TourEntity): TourDto {
    return {
      id: tour.id,
      name: tour.name,
      description: tour.description,
      status: tour.status,
      startDate: tour.startDate,
      endDate: tour.endDate,
      createdBy: tour.createdBy,
      createdAt: tour.createdAt.toISOString(),
      updatedAt: tour.updatedAt.toISOString(),
    };
  }
}
