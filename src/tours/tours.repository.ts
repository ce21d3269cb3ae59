import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { escapeLike } from '../common/sql/escape-like';
import { fetchPage, updateLocked } from '../common/sql/owned-rows';
import { EventEntity } from '../events/event.entity';
import { TourEntity } from './tour.entity';
import type { TourStatus } from './tour-status';

export type NewTour = Omit<TourEntity, 'id' | 'createdAt' | 'updatedAt'>;

export interface TourFilter {
  status?: TourStatus;
  q?: string;
  limit: number;
  offset: number;
}

@Injectable()
export class ToursRepository {
  constructor(@InjectRepository(TourEntity) private readonly tours: Repository<TourEntity>) {}

  /** One INSERT … RETURNING, atomic by itself: save()'s default transaction would add two round trips. */
  insert(values: NewTour): Promise<TourEntity> {
    return this.tours.save(this.tours.create(values), { transaction: false });
  }

  findById(id: string): Promise<TourEntity | null> {
    return this.tours.findOneBy({ id });
  }

  exists(id: string): Promise<boolean> {
    return this.tours.existsBy({ id });
  }

  /** A page in `start_date NULLS LAST, id` order (served by the `(status,) start_date, id` indexes), and the total. */
  async list(filter: TourFilter): Promise<[TourEntity[], number]> {
    const query = this.tours.createQueryBuilder('tour');
    if (filter.status) query.andWhere('tour.status = :status', { status: filter.status });
    if (filter.q) {
      query.andWhere(`lower(tour.name) LIKE :pattern ESCAPE '\\'`, { pattern: `%${escapeLike(filter.q.toLowerCase())}%` });
    }
    return fetchPage(query.orderBy('tour.startDate', 'ASC', 'NULLS LAST').addOrderBy('tour.id', 'ASC'), filter);
  }

  /** Applies and checks a patch under a row lock (see `updateLocked`); null when there is no such tour. */
  updateWith(id: string, change: (current: TourEntity) => TourEntity): Promise<TourEntity | null> {
    return updateLocked(this.tours, id, change);
  }

  hasEvents(id: string): Promise<boolean> {
    return this.tours.manager.existsBy(EventEntity, { tourId: id });
  }

  async delete(id: string): Promise<void> {
    await this.tours.delete({ id });
  }
}
