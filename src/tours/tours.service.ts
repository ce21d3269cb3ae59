import { ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import type { Principal } from '../auth/principal';
import { applyPatch } from '../common/domain/apply-patch';
import { assertCreatorOrAdmin } from '../common/domain/ownership';
import { assertOrderedRange } from '../common/validation/ordered-range';
import type { CreateTourDto } from './create-tour.dto';
import type { ListToursQueryDto } from './list-tours-query.dto';
import type { TourEntity } from './tour.entity';
import { ToursRepository } from './tours.repository';
import type { UpdateTourDto } from './update-tour.dto';

/**
 * The rules for tours: anyone authenticated reads, creates and updates; only the creator or an
 * admin deletes, and never a tour that still has events.
 */
@Injectable()
export class ToursService {
  constructor(private readonly tours: ToursRepository) {}

  async create(dto: CreateTourDto, principal: Principal): Promise<TourEntity> {
    const values = {
      name: dto.name,
      description: dto.description ?? null,
      status: dto.status ?? 'draft',
      startDate: dto.startDate ?? null,
      endDate: dto.endDate ?? null,
      createdBy: principal.userId,
    };
    assertDatesOrdered(values);
    return this.tours.insert(values);
  }

  list(query: ListToursQueryDto): Promise<[TourEntity[], number]> {
    return this.tours.list(query);
  }

  async get(id: string): Promise<TourEntity> {
    const tour = await this.tours.findById(id);
    if (!tour) throw tourNotFound(id);
    return tour;
  }

  exists(id: string): Promise<boolean> {
    return this.tours.exists(id);
  }

  /** The date rule is checked on the merged result: a new `endDate` against the stored `startDate`. */
  async update(id: string, dto: UpdateTourDto): Promise<TourEntity> {
    const updated = await this.tours.updateWith(id, (current) => {
      const merged = applyPatch(current, dto);
      assertDatesOrdered(merged);
      return merged;
    });
    if (!updated) throw tourNotFound(id);
    return updated;
  }

  /**
   * Checks events first for a clear 409; an event added between the check and the delete is
   * caught by the RESTRICT foreign key, which the exception filter also answers with 409.
   */
  async remove(id: string, principal: Principal): Promise<void> {
    const tour = await this.get(id);
    assertCreatorOrAdmin(tour.createdBy, principal, 'tour');
    if (await this.tours.hasEvents(id)) {
      throw new ConflictException('The tour still has events; delete them or move them to another tour first.');
    }
    await this.tours.delete(id);
  }
}

function assertDatesOrdered(tour: Pick<TourEntity, 'startDate' | 'endDate'>): void {
  assertOrderedRange({ field: 'startDate', value: tour.startDate }, { field: 'endDate', value: tour.endDate });
}

function tourNotFound(id: string): NotFoundException {
  return new NotFoundException(`Tour ${id} not found.`);
}
