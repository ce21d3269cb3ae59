import { Injectable, NotFoundException } from '@nestjs/common';
import type { Principal } from '../auth/principal';
import { applyPatch } from '../common/domain/apply-patch';
import { assertCreatorOrAdmin } from '../common/domain/ownership';
import { ValidationFailedException } from '../common/http/problem-details';
import { assertOrderedRange } from '../common/validation/ordered-range';
import { ToursService } from '../tours/tours.service';
import type { CreateEventDto } from './create-event.dto';
import type { EventFiltersQueryDto } from './event-filters-query.dto';
import type { EventEntity } from './event.entity';
import { EventsRepository } from './events.repository';
import type { ListEventsQueryDto } from './list-events-query.dto';
import type { UpdateEventDto } from './update-event.dto';

/**
 * The rules for events: anyone authenticated reads, creates and updates; only the creator or an
 * admin deletes. An event's tour must exist, and it may not end before it starts.
 */
@Injectable()
export class EventsService {
  constructor(
    private readonly events: EventsRepository,
    private readonly tours: ToursService,
  ) {}

  async create(dto: CreateEventDto, principal: Principal): Promise<EventEntity> {
    const values = {
      tourId: dto.tourId ?? null,
      name: dto.name,
      venue: dto.venue ?? null,
      city: dto.city ?? null,
      country: dto.country ?? null,
      startsAt: new Date(dto.startsAt),
      endsAt: new Date(dto.endsAt),
      timezone: dto.timezone,
      capacity: dto.capacity ?? null,
      status: dto.status ?? 'scheduled',
      createdBy: principal.userId,
    };
    assertTimesOrdered(values);
    if (values.tourId) await this.assertTourExists(values.tourId);
    return this.events.insert(values);
  }

  list(query: ListEventsQueryDto): Promise<[EventEntity[], number]> {
    const from = query.from === undefined ? undefined : new Date(query.from);
    const to = query.to === undefined ? undefined : new Date(query.to);
    assertOrderedRange({ field: 'from', value: from }, { field: 'to', value: to });
    return this.events.list({ ...query, from, to });
  }

  async listForTour(tourId: string, query: EventFiltersQueryDto): Promise<[EventEntity[], number]> {
    if (!(await this.tours.exists(tourId))) throw new NotFoundException(`Tour ${tourId} not found.`);
    return this.list({ ...query, tourId });
  }

  async get(id: string): Promise<EventEntity> {
    const event = await this.events.findById(id);
    if (!event) throw eventNotFound(id);
    return event;
  }

  /**
   * The rules are checked on the merged result (a new `endsAt` against the stored `startsAt`).
   * The tour is checked before the row is locked: inside the transaction only its own connection
   * may be used. A tour deleted in between is caught by the foreign key (409).
   */
  async update(id: string, dto: UpdateEventDto): Promise<EventEntity> {
    if (dto.tourId) await this.assertTourExists(dto.tourId);
    const { startsAt, endsAt, ...rest } = dto;
    const changes: Partial<EventEntity> = {
      ...rest,
      startsAt: startsAt === undefined ? undefined : new Date(startsAt),
      endsAt: endsAt === undefined ? undefined : new Date(endsAt),
    };
    const updated = await this.events.updateWith(id, (current) => {
      const merged = applyPatch(current, changes);
      assertTimesOrdered(merged);
      return merged;
    });
    if (!updated) throw eventNotFound(id);
    return updated;
  }

  async remove(id: string, principal: Principal): Promise<void> {
    const event = await this.get(id);
    assertCreatorOrAdmin(event.createdBy, principal, 'event');
    await this.events.delete(id);
  }

  private async assertTourExists(tourId: string): Promise<void> {
    if (!(await this.tours.exists(tourId))) {
      throw new ValidationFailedException([{ field: 'tourId', message: `tourId must name an existing tour; ${tourId} does not` }]);
    }
  }
}

function assertTimesOrdered(event: Pick<EventEntity, 'startsAt' | 'endsAt'>): void {
  assertOrderedRange({ field: 'startsAt', value: event.startsAt }, { field: 'endsAt', value: event.endsAt });
}

function eventNotFound(id: string): NotFoundException {
  return new NotFoundException(`Event ${id} not found.`);
}
