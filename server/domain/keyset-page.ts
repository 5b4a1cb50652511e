import { and, asc, gt, type SQL } from 'drizzle-orm';
import type { PgColumn, PgSelect } from 'drizzle-orm/pg-core';
import { type Page, toPage } from './page';

/** `limit` and `cursor` as every list use-case takes them (API.md's pagination). */
export interface PageQuery {
  limit: number;
  cursor?: string | undefined;
}

/**
 * One page of a list read, keyset-paged by id: rows after `cursor` (the last id of the page before),
 * in id order, one more than `limit` fetched so the page knows whether another follows. Ids are
 * time-ordered and unique, so a page never skips or repeats a row that existed when the list began.
 * `select` is a dynamic drizzle select (`db.select().from(t).$dynamic()`); `filters` are ANDed, and an
 * undefined one (a filter the caller did not ask for) is left out.
 */
export async function keysetPage<S extends PgSelect>(
  select: S,
  id: PgColumn,
  filters: (SQL | undefined)[],
  q: PageQuery,
  /** Run as a prepared statement (db/prepared.ts): only for a read whose text does not grow with its input. */
  prepared?: string,
): Promise<Page<Awaited<S>[number]>> {
  const query = select
    .where(and(...filters, q.cursor ? gt(id, q.cursor) : undefined))
    .orderBy(asc(id))
    .limit(q.limit + 1);
  const rows = (prepared ? await query.prepare(prepared).execute() : await query) as Awaited<S>;
  // Every table paged here has a text `id` (the column passed as `id`); drizzle's generic row type cannot say so.
  return toPage(rows as (Awaited<S>[number] & { id: string })[], q.limit);
}

/** A page with each item mapped (row → DTO), the cursor kept. */
export const mapPage = <T, U>(page: Page<T>, toDto: (row: T) => U): Page<U> => ({
  ...page,
  items: page.items.map(toDto),
});
