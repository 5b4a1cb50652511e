import { type Column, getTableColumns } from 'drizzle-orm';
import { enrollments } from '../../db/schema';
import type { EnrollmentRow } from './plan-step';

const columns = Object.entries(getTableColumns(enrollments)) as [keyof EnrollmentRow, Column][];

/**
 * An enrollment as raw SQL returns it (`returning en.*`: database column names, driver values) in
 * the shape drizzle's own queries give, mapped by the same column definitions. A statement that
 * changes rows can then answer with them instead of reading 10,000 rows back.
 */
export function enrollmentFromDb(raw: Record<string, unknown>): EnrollmentRow {
  const out: Record<string, unknown> = {};
  for (const [key, column] of columns) {
    const value = raw[column.name];
    out[key] = value === null || value === undefined ? null : column.mapFromDriverValue(value);
  }
  return out as EnrollmentRow;
}
