import type { Repository, SelectQueryBuilder } from 'typeorm';
import type { OwnedEntity } from '../domain/owned-entity';

/**
 * One page of an ordered query and the total of its matches. `COUNT(*)` rather than `getCount()`,
 * which counts DISTINCT ids: slower and needless without joins. The count drops the ordering.
 */
export async function fetchPage<T extends OwnedEntity>(
  query: SelectQueryBuilder<T>,
  page: { limit: number; offset: number },
): Promise<[T[], number]> {
  const counted = await query.clone().orderBy().select('COUNT(*)::int', 'total').getRawOne<{ total: number }>();
  const rows = await query.offset(page.offset).limit(page.limit).getMany();
  return [rows, counted?.total ?? 0];
}

/**
 * Reads the row under a write lock, lets `change` apply and check a patch (it may throw, which
 * rolls back), and saves it, so concurrent PATCHes cannot combine into an invalid row.
 * Null when there is no such row.
 */
export function updateLocked<T extends OwnedEntity>(
  repository: Repository<T>,
  id: string,
  change: (current: T) => T,
): Promise<T | null> {
  return repository.manager.transaction(async (tx) => {
    const rows = tx.getRepository<T>(repository.target);
    const current = await rows.findOne({ where: { id } as never, lock: { mode: 'pessimistic_write' } });
    return current ? rows.save(change(current)) : null;
  });
}
