import { CsvError, parse } from 'csv-parse/sync';
import { z } from 'zod';
import { createContactSchema } from '../../../shared/schemas/contact';
import { ianaTimeZoneSchema } from '../../../shared/schemas/time-zone';
import { ApiError, badRequest } from '../../http/api-error';
import { hasUnsafeText } from '../../http/unsafe-text';
import type { CreateContactInput } from './contact-writes';
import { type CsvColumn, mapHeader } from './csv-columns';

/** Data rows one request may carry; bigger lists are split by the caller (documented in OpenAPI). */
export const MAX_IMPORT_ROWS = 50_000;

export type CsvRow =
  /** `row` is the 1-based data row number: the first line after the header is row 1. */
  { row: number; ok: true; input: CreateContactInput } | { row: number; ok: false; error: string };

interface Parsed {
  record: string[];
  info: { lines: number };
}

function parseRecords(text: string): Parsed[] {
  try {
    return parse(text, {
      bom: true,
      info: true,
      relax_column_count: true,
      relax_quotes: true,
      skip_empty_lines: true,
      skip_records_with_empty_values: true,
    }) as unknown as Parsed[];
  } catch (err) {
    // A broken quote swallows the rest of the file, so no row after it can be trusted: refuse it all.
    if (err instanceof CsvError) {
      throw badRequest(`the CSV is malformed: ${err.message}`, [{ path: 'body', message: err.code }]);
    }
    throw err;
  }
}

/** The cell as the contact schema expects it: numbers for the score, lower case for the enum. */
function cellValue(key: string, cell: string): unknown {
  if (key === 'prospectScore') return /^[+-]?\d+(\.\d+)?$/.test(cell) ? Number(cell) : cell;
  if (key === 'emailStatus') return cell.toLowerCase();
  return cell;
}

function rowInput(columns: CsvColumn[], cells: string[]): Record<string, unknown> {
  const input: Record<string, unknown> = {};
  const fields: Record<string, string> = {};
  columns.forEach((column, i) => {
    const cell = cells[i]?.trim() ?? '';
    // Empty cells mean "no value here": they never clear what an existing contact already has.
    if (cell === '' || column.kind === 'ignored') return;
    if (column.kind === 'custom') fields[column.name] = cell;
    else input[column.key] = cellValue(column.key, cell);
  });
  if (Object.keys(fields).length > 0) input.fields = fields;
  return input;
}

type Issue = { path: PropertyKey[]; message: string };

function describeIssues(issues: Issue[]): string {
  return issues.map((i) => `${i.path.map(String).join('.') || 'row'}: ${i.message}`).join('; ');
}

/**
 * The contact schema, with the time zone checked once per distinct value: asking ICU about a zone
 * costs ~60 µs, which is most of the validation time of a 10,000-row file that repeats a few zones.
 */
function rowValidator() {
  const rowSchema = createContactSchema.extend({ timezone: z.string().nullish() });
  const zoneIssues = new Map<string, Issue[]>();
  return (input: Record<string, unknown>) => {
    const parsed = rowSchema.safeParse(input);
    const zone = typeof input.timezone === 'string' ? input.timezone : null;
    let zoneProblems: Issue[] = [];
    if (zone !== null) {
      const known = zoneIssues.get(zone);
      zoneProblems = known ?? ianaTimeZoneSchema.safeParse(zone).error?.issues ?? [];
      if (!known && zoneIssues.size < 1000) zoneIssues.set(zone, zoneProblems);
    }
    const issues = [
      ...(parsed.error?.issues ?? []),
      ...zoneProblems.map((i) => ({ ...i, path: ['timezone'] })),
    ];
    if (parsed.success && issues.length === 0) return { ok: true as const, input: parsed.data };
    return { ok: false as const, error: describeIssues(issues) };
  };
}

/**
 * Parses an import file into rows checked against the same schema as POST /api/contacts. Problems of
 * the file as a whole (no header, broken quoting, too many rows) are errors; a bad row only fails itself.
 */
export function parseContactsCsv(text: string): CsvRow[] {
  const records = parseRecords(text);
  const [header, ...data] = records;
  if (!header) throw badRequest('the CSV is empty: expected a header row and then one row per contact');
  if (data.length > MAX_IMPORT_ROWS) {
    throw new ApiError(
      413,
      'too_many_rows',
      `the file has ${data.length} data rows; import at most ${MAX_IMPORT_ROWS} per request`,
    );
  }
  const columns = mapHeader(header.record);
  const validate = rowValidator();
  return data.map(({ record }, index): CsvRow => {
    const row = index + 1;
    if (record.length !== columns.length) {
      return { row, ok: false, error: `row has ${record.length} cells but the header has ${columns.length}` };
    }
    // One such cell fails its row, never the file: the good rows around it are still imported.
    const unsafe = record.findIndex(hasUnsafeText);
    if (unsafe >= 0) {
      const name = header.record[unsafe] ?? `column ${unsafe + 1}`;
      return { row, ok: false, error: `${name}: contains a NUL character or an unpaired surrogate` };
    }
    return { row, ...validate(rowInput(columns, record)) };
  });
}
