import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { fetchPage, updateLocked } from '../common/sql/owned-rows';
import { EventEntity } from './event.entity';
import type { EventStatus } from './event-status';

export type NewEvent = Omit<EventEntity, 'id' | 'createdAt' | 'updatedAt'>;

export interface EventFilter {
  tourId?: string;
  status?: EventStatus;
  city?: string;
  country?: string;
  from?: Date;
  to?: Date;
  limit: number;
  offset: number;
}

@Injectable()
export class EventsRepository {
  constructor(@InjectRepository(EventEntity) private readonly events: Repository<EventEntity>) {}

  /** One INSERT … RETURNING, atomic by itself: save()'s default transaction would add two round trips. */
  insert(values: NewEvent): Promise<EventEntity> {
    return this.events.save(this.events.create(values), { transaction: false });
  }

  findById(id: string): Promise<EventEntity | null> {
    return this.events.findOneBy({ id });
  }

  /**
   * A page in `starts_at, id` order, and the total. Each equality filter has an index that leads
   * with it and continues with `starts_at, id` (city as `lower(city)`), so the page is read in order.
   */
  async list(filter: EventFilter): Promise<[EventEntity[], number]> {
    const query = this.events.createQueryBuilder('event');
    if (filter.tourId) query.andWhere('event.tourId = :tourId', { tourId: filter.tourId });
    if (filter.status) query.andWhere('event.status = :status', { status: filter.status });
    if (filter.city) query.andWhere('lower(event.city) = lower(:city)', { city: filter.city });
    if (filter.country) query.andWhere('event.country = :country', { country: filter.country });
    if (filter.from) query.andWhere('event.startsAt >= :from', { from: filter.from });
    if (filter.to) query.andWhere('event.startsAt < :to', { to: filter.to });
    return fetchPage(query.orderBy('event.startsAt', 'ASC').addOrderBy('event.id', 'ASC'), filter);
  }

  /** Applies and checks a patch under a row lock (see `updateLocked`); null when there is no such event. */
  updateWith(id: string, change: (current: EventEntity) => EventEntity): Promise<EventEntity | null> {
    return updateLocked(this.events, id, change);
  }

  async delete(id: string): Promise<void> {
    await this.events.delete({ id });
  }
}
