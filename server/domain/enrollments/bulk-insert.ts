import { type Column, getTableColumns, getTableName, type SQL, sql } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';
import type { DbOrTx } from '../../db/client';

/*
 * Why not drizzle's insert(...).values(rows): building a 1,000-row statement costs it ~250 ms of
 * CPU (one bound parameter per cell), which alone would eat the 2-second budget for enrolling
 * 10,000 contacts. Sending the rows as one JSON parameter and expanding them in the database with
 * json_populate_recordset costs a JSON.stringify. Columns left out of the rows get their defaults.
 */

const JSON_CHUNK = 5000;

/** SQL: `column` is one of `ids`, passed as a single JSON parameter however many there are. */
export function inJsonList(column: Column, ids: readonly string[]): SQL {
  return sql`${column} in (select json_array_elements_text(${JSON.stringify(ids)}::json))`;
}

function resultRows(result: unknown): Record<string, unknown>[] {
  if (Array.isArray(result)) return result as Record<string, unknown>[];
  return ((result as { rows?: Record<string, unknown>[] }).rows ?? []) as Record<string, unknown>[];
}

export interface JsonInsertOptions {
  /** Raw `on conflict ...` clause; omitted, a conflict is an error. */
  onConflict?: SQL;
  /** Database column names to return for each row written (default: id). */
  returning?: readonly string[];
}

/**
 * Inserts rows (drizzle property names as keys, every row with the same keys) and returns the
 * `returning` columns (database names, as the driver parsed them) of each row written.
 */
export async function insertJsonRows(
  db: DbOrTx,
  table: PgTable,
  rows: readonly Record<string, unknown>[],
  opts: JsonInsertOptions = {},
): Promise<Record<string, unknown>[]> {
  const first = rows[0];
  if (!first) return [];
  const columns = getTableColumns(table) as Record<string, Column>;
  const keys = Object.keys(first).filter((k) => columns[k] !== undefined);
  const names = keys.map((k) => (columns[k] as Column).name);
  const list = sql.join(
    names.map((n) => sql.identifier(n)),
    sql`, `,
  );
  const returning = sql.join(
    (opts.returning ?? ['id']).map((n) => sql.identifier(n)),
    sql`, `,
  );
  const written: Record<string, unknown>[] = [];
  for (let i = 0; i < rows.length; i += JSON_CHUNK) {
    const part = rows.slice(i, i + JSON_CHUNK).map((r) => {
      const o: Record<string, unknown> = {};
      keys.forEach((k, j) => {
        o[names[j] as string] = r[k] ?? null;
      });
      return o;
    });
    const result = await db.execute(sql`
      insert into ${table} (${list})
      select ${list} from json_populate_recordset(null::${sql.identifier(getTableName(table))}, ${JSON.stringify(part)}::json)
      ${opts.onConflict ?? sql``}
      returning ${returning}`);
    written.push(...resultRows(result));
  }
  return written;
}
