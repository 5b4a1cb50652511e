import type { SQL } from 'drizzle-orm';
import type { DbOrTx } from './client';
import { rowsOf } from './rows';

/*
 * The scheduler's statements run as prepared statements. Drizzle hands postgres.js every query
 * unprepared, and postgres.js then sends a query with parameters in two round trips (parse and
 * describe, wait, then bind and execute) and Postgres parses and plans it again each time. Prepared,
 * a statement the connection has seen costs one round trip and no parse. postgres.js keeps them per
 * connection keyed by their text, so only statements whose text does not grow with the batch (their
 * rows travel as one JSON parameter) are prepared, which keeps that cache small. PGlite ignores it.
 */

/** Any drizzle query builder (select, update … returning): runs it prepared and returns its rows. */
export function runPrepared<T>(
  query: { prepare(name: string): { execute(): Promise<T> } },
  name: string,
): Promise<T> {
  return query.prepare(name).execute();
}

/** Raw SQL, prepared: the rows on both drivers. */
export async function executePrepared<T>(tx: DbOrTx, query: SQL, name: string): Promise<T[]> {
  const built = tx.execute(query).getQuery();
  return rowsOf<T>(await tx._.session.prepareQuery(built, undefined, name, false).execute());
}
