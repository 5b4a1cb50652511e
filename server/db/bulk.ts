import { type Column, getTableColumns, type SQL, sql } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';
import type { DbOrTx } from './client';
import { executePrepared } from './prepared';

/*
 * The one way Stride writes many rows. Rows travel as ONE jsonb parameter and the database expands
 * them (jsonb_to_recordset, jsonb_array_elements_text):
 * - drizzle's insert(...).values(rows) binds one parameter per cell; building a 1,000-row statement
 *   cost it ~250 ms of CPU, and PGlite was 3-4x slower still;
 * - the statement's text does not grow with the number of rows, so a statement can be prepared once
 *   per connection (see prepared.ts) however many rows it carries.
 * Both run prepared: their text depends only on the table and columns, never on the row count.
 * Insert many rows: insertRows. Update many rows by id: updateRowsById. Custom statements (guarded
 * updates, joins) use the same two fragments: recordset(...) and inList(...).
 */

/** Rows per statement; each chunk is one jsonb parameter. */
const CHUNK = 5000;

type Row = Record<string, unknown>;

/** Postgres type of each column in a recordset definition, e.g. `{ id: 'text', at: 'timestamptz' }`. */
export type RecordsetColumns = Readonly<Record<string, string>>;

/**
 * `jsonb_to_recordset($1::jsonb) as alias(col type, …)`: `rows` (database column names as keys) as
 * a relation to select from, update from or join. Dates become ISO strings through JSON.
 */
export function recordset(alias: string, columns: RecordsetColumns, rows: readonly Row[]): SQL {
  const definition = sql.join(
    Object.entries(columns).map(([name, type]) => sql`${sql.identifier(name)} ${sql.raw(type)}`),
    sql`, `,
  );
  return sql`jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) as ${sql.identifier(alias)}(${definition})`;
}

/** `(select jsonb_array_elements_text($1::jsonb))`: a list of ids as one parameter. */
export function jsonList(ids: readonly string[]): SQL {
  return sql`(select jsonb_array_elements_text(${JSON.stringify(ids)}::jsonb))`;
}

/** SQL: `column` is one of `ids`, however many there are, as one parameter. */
export function inList(column: Column | SQL, ids: readonly string[]): SQL {
  return sql`${column} in ${jsonList(ids)}`;
}

interface TableColumn {
  key: string;
  column: Column;
}

function columnsOf(table: PgTable, keys: readonly string[]): TableColumn[] {
  const all = getTableColumns(table) as Record<string, Column>;
  return keys.map((key) => {
    const column = all[key];
    if (!column)
      throw new Error(`no column ${key} in ${(table as unknown as { _: { name: string } })._.name}`);
    return { key, column };
  });
}

function tableRecordset(alias: string, columns: readonly TableColumn[], rows: readonly Row[]): SQL {
  const types = Object.fromEntries(columns.map(({ column }) => [column.name, column.getSQLType()]));
  const json = rows.map((row) => {
    const o: Row = {};
    for (const { key, column } of columns) o[column.name] = row[key] ?? null;
    return o;
  });
  return recordset(alias, types, json);
}

const identifiers = (names: readonly string[]) =>
  sql.join(
    names.map((n) => sql.identifier(n)),
    sql`, `,
  );

export interface InsertRowsOptions<K extends string> {
  /** Table properties (drizzle names) to write; default: the first row's keys. Others get their defaults. */
  columns?: readonly K[];
  /** Raw `on conflict …` clause; omitted, a conflict is an error. */
  onConflict?: SQL;
  /** Database column names to return for each row written; omitted, nothing is returned. */
  returning?: readonly string[];
}

/**
 * Inserts many rows (drizzle property names as keys) in a statement per 5,000, and returns the
 * `returning` columns (database names) of each row written.
 */
export async function insertRows<T extends PgTable>(
  db: DbOrTx,
  table: T,
  rows: readonly Row[],
  opts: InsertRowsOptions<keyof T['_']['columns'] & string> = {},
): Promise<Row[]> {
  const first = rows[0];
  if (!first) return [];
  const all = getTableColumns(table) as Record<string, Column>;
  const keys = opts.columns ?? Object.keys(first).filter((k) => all[k] !== undefined);
  const columns = columnsOf(table, keys);
  const names = identifiers(columns.map(({ column }) => column.name));
  const returning = opts.returning?.length ? sql` returning ${identifiers(opts.returning)}` : sql``;
  const written: Row[] = [];
  for (let i = 0; i < rows.length; i += CHUNK) {
    const result = await executePrepared<Row>(
      db,
      sql`insert into ${table} (${names}) select ${names} from ${tableRecordset('x', columns, rows.slice(i, i + CHUNK))} ${opts.onConflict ?? sql``}${returning}`,
      'bulk_insert',
    );
    written.push(...result);
  }
  return written;
}

/**
 * Sets `columns` (drizzle names) of the rows matched by `id`, each to its own value, in a statement
 * per 5,000. `set` adds assignments every row gets (e.g. `updated_at = now`). change_seq moves by the
 * database's trigger.
 */
export async function updateRowsById<T extends PgTable>(
  db: DbOrTx,
  table: T,
  columns: readonly (keyof T['_']['columns'] & string)[],
  rows: readonly Row[],
  opts: { set?: SQL } = {},
): Promise<void> {
  if (rows.length === 0) return;
  const cols = columnsOf(table, ['id', ...columns]);
  const assignments = sql.join(
    [
      ...cols
        .filter(({ key }) => key !== 'id')
        .map(({ column }) => sql`${sql.identifier(column.name)} = x.${sql.identifier(column.name)}`),
      ...(opts.set ? [opts.set] : []),
    ],
    sql`, `,
  );
  for (let i = 0; i < rows.length; i += CHUNK) {
    await executePrepared(
      db,
      sql`update ${table} set ${assignments} from ${tableRecordset('x', cols, rows.slice(i, i + CHUNK))} where ${table}."id" = x."id"`,
      'bulk_update',
    );
  }
}
