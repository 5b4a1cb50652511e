import { type Column, getTableColumns } from 'drizzle-orm';
import type { PgColumn, PgTable } from 'drizzle-orm/pg-core';
import { inList } from './bulk';
import type { Db, Tx } from './client';
import { runPrepared } from './prepared';

type WithId = PgTable & { id: Column };

/**
 * Some columns of the rows whose id is in `ids`, as one prepared statement named `name` (the id list
 * travels as one jsonb parameter, so the text is the same for any batch). No ids: no query.
 */
export function selectByIds<T extends WithId, K extends keyof T['$inferSelect'] & string>(
  db: Db | Tx,
  table: T,
  keys: readonly K[],
  ids: readonly string[],
  name: string,
): Promise<Array<Pick<T['$inferSelect'], K>>> {
  if (ids.length === 0) return Promise.resolve([]);
  const all = getTableColumns(table) as Record<string, PgColumn>;
  const columns = Object.fromEntries(keys.map((k) => [k, all[k] as PgColumn]));
  const query = db
    .select(columns)
    .from(table as PgTable)
    .where(inList(table.id, ids));
  return runPrepared(query, name) as Promise<Array<Pick<T['$inferSelect'], K>>>;
}
