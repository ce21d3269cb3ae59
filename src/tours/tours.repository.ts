import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { escapeLike } from '../common/sql/escape-like';
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
    // COUNT(*) rather than getCount(), which counts DISTINCT ids: slower and needless without joins.
    const counted = await query.clone().select('COUNT(*)::int', 'total').getRawOne<{ total: number }>();
    const rows = await query
      .orderBy('tour.startDate', 'ASC', 'NULLS LAST')
      .addOrderBy('tour.id', 'ASC')
      .offset(filter.offset)
      .limit(filter.limit)
      .getMany();
    return [rows, counted?.total ?? 0];
  }

  /**
   * Reads the row under a write lock, lets `change` apply and check the patch (it may throw, which
   * rolls back), and saves it, so concurrent PATCHes cannot combine into an invalid row.
   * Null when there is no such tour.
   */
  updateWith(id: string, change: (current: TourEntity) => TourEntity): Promise<TourEntity | null> {
    return this.tours.manager.transaction(async (tx) => {
      const current = await tx.findOne(TourEntity, { where: { id }, lock: { mode: 'pessimistic_write' } });
      return current ? tx.save(TourEntity, change(current)) : null;
    });
  }

  hasEvents(id: string): Promise<boolean> {
    return this.tours.manager.existsBy(EventEntity, { tourId: id });
  }

  async delete(id: string): Promise<void> {
    await this.tours.delete({ id });
  }
}
