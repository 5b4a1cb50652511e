import { getTableColumns, sql } from 'drizzle-orm';
import type { PgColumn, PgTable } from 'drizzle-orm/pg-core';
import type { Tx } from '../../db/client';

/** Rows per statement; the whole chunk travels as one JSON parameter. */
const CHUNK = 5000;

type Row = Record<string, unknown>;

/**
 * Wide multi-row INSERTs spend most of their time binding thousands of parameters (PGlite most of
 * all: 3-4x slower than this in measurements). Sending a chunk as one jsonb value and expanding it
 * with jsonb_to_recordset keeps a 10,000-row import to a few statements.
 */
function recordset<T extends PgTable>(table: T, keys: readonly (keyof T['_']['columns'] & string)[]) {
  const all = getTableColumns(table) as Record<string, PgColumn>;
  const columns = keys.map((k) => {
    const column = all[k];
    if (!column) throw new Error(`no column ${k} in ${table._.name}`);
    return { key: k, column };
  });
  const names = sql.join(
    columns.map(({ column }) => sql.identifier(column.name)),
    sql`, `,
  );
  const definition = sql.join(
    columns.map(({ column }) => sql`${sql.identifier(column.name)} ${sql.raw(column.getSQLType())}`),
    sql`, `,
  );
  const json = (rows: Row[]) =>
    JSON.stringify(
      rows.map((row) =>
        Object.fromEntries(
          columns.map(({ key, column }) => {
            const value = row[key];
            return [column.name, value instanceof Date ? value.toISOString() : (value ?? null)];
          }),
        ),
      ),
    );
  return { columns, names, definition, json };
}

export async function bulkInsert<T extends PgTable>(
  tx: Tx,
  table: T,
  keys: readonly (keyof T['_']['columns'] & string)[],
  rows: Row[],
): Promise<void> {
  const rs = recordset(table, keys);
  for (let i = 0; i < rows.length; i += CHUNK) {
    const data = rs.json(rows.slice(i, i + CHUNK));
    await tx.execute(
      sql`insert into ${table} (${rs.names}) select ${rs.names} from jsonb_to_recordset(${data}::jsonb) as x(${rs.definition})`,
    );
  }
}

/** Sets the given columns of the rows matched by `id` (change_seq moves by the database's trigger). */
export async function bulkUpdateById<T extends PgTable>(
  tx: Tx,
  table: T,
  keys: readonly (keyof T['_']['columns'] & string)[],
  rows: Row[],
): Promise<void> {
  const rs = recordset(table, ['id', ...keys] as typeof keys);
  const assignments = sql.join(
    rs.columns
      .filter(({ key }) => key !== 'id')
      .map(({ column }) => sql`${sql.identifier(column.name)} = x.${sql.identifier(column.name)}`),
    sql`, `,
  );
  for (let i = 0; i < rows.length; i += CHUNK) {
    const data = rs.json(rows.slice(i, i + CHUNK));
    await tx.execute(
      sql`update ${table} set ${assignments} from jsonb_to_recordset(${data}::jsonb) as x(${rs.definition}) where ${table}."id" = x."id"`,
    );
  }
}
