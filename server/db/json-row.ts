import { type Column, getTableColumns } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';

/*
 * A row read as `to_json(table)` back into the shape drizzle's select gives (property names, Dates,
 * numbers): one statement can then return rows of several tables side by side (the delta feed's
 * union). jsonb columns arrive already parsed and are taken as they are (drizzle's own decoder would
 * JSON.parse a jsonb that holds a string); timestamps and bigints go through the column's decoder.
 */

const columnsByTable = new WeakMap<PgTable, [string, Column][]>();

function columnsOf(table: PgTable): [string, Column][] {
  let columns = columnsByTable.get(table);
  if (!columns) {
    columns = Object.entries(getTableColumns(table) as Record<string, Column>);
    columnsByTable.set(table, columns);
  }
  return columns;
}

const asIs = new Set(['PgJsonb', 'PgJson', 'PgText', 'PgBoolean', 'PgInteger', 'PgEnumColumn']);

export function fromJsonRow<T extends PgTable>(table: T, json: Record<string, unknown>): T['$inferSelect'] {
  const out: Record<string, unknown> = {};
  for (const [key, column] of columnsOf(table)) {
    const value = json[column.name];
    out[key] =
      value === null || value === undefined
        ? null
        : asIs.has(column.columnType)
          ? value
          : column.mapFromDriverValue(value);
  }
  return out as T['$inferSelect'];
}
