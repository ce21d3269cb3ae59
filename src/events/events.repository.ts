import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
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
    // COUNT(*) rather than getCount(), which counts DISTINCT ids: slower and needless without joins.
    const counted = await query.clone().select('COUNT(*)::int', 'total').getRawOne<{ total: number }>();
    const rows = await query
      .orderBy('event.startsAt', 'ASC')
      .addOrderBy('event.id', 'ASC')
      .offset(filter.offset)
      .limit(filter.limit)
      .getMany();
    return [rows, counted?.total ?? 0];
  }

  /** Like ToursRepository.updateWith: read under a write lock, apply and check, save; null if absent. */
  updateWith(id: string, change: (current: EventEntity) => EventEntity): Promise<EventEntity | null> {
    return this.events.manager.transaction(async (tx) => {
      const current = await tx.findOne(EventEntity, { where: { id }, lock: { mode: 'pessimistic_write' } });
      return current ? tx.save(EventEntity, change(current)) : null;
    });
  }

  async delete(id: string): Promise<void> {
    await this.events.delete({ id });
  }
}
