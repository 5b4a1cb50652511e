import { CsvError, parse } from 'csv-parse/sync';
import { invalid, tooLarge } from '../errors';
import { hasUnsafeText } from '../unsafe-text';
import { type CsvColumn, columnReport, mapHeader } from './csv-columns';
import { CELL_READERS, type RowValues, splitFullName } from './import-cells/row-cells';
import { stageMeansDoNotContact } from './import-cells/status-values';
import { normalizePhone } from './phone';

/** Data rows one request may carry; bigger lists are split by the caller (documented in OpenAPI). */
export const MAX_IMPORT_ROWS = 50_000;

export interface CellError {
  row: number;
  column: string;
  value: string;
  error: string;
}

/** Where a value came from, so a problem found later (an unknown owner) names its cell. */
export type CellSource = { column: string; value: string };

export type CsvRow =
  /** `row` is the 1-based data row number: the first line after the header is row 1. */
  | {
      row: number;
      ok: true;
      values: RowValues & { phoneValid?: boolean };
      sources: Partial<Record<keyof RowValues, CellSource>>;
    }
  | { row: number; ok: false; error: string };

export interface ParsedCsv {
  columns: { header: string; field: string | null }[];
  rows: CsvRow[];
  cellErrors: CellError[];
}

interface Parsed {
  record: string[];
  info: { lines: number };
}

/**
 * Exports from a spreadsheet in a comma-decimal locale use ";" (and some tools tabs): the header
 * line, read outside quotes, says which one this file uses.
 */
export function detectDelimiter(text: string): string {
  const counts = new Map<string, number>([
    [',', 0],
    [';', 0],
    ['\t', 0],
  ]);
  let quoted = false;
  for (const ch of text.slice(0, 64 * 1024)) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && (ch === '\n' || ch === '\r')) break;
    else if (!quoted && counts.has(ch)) counts.set(ch, (counts.get(ch) ?? 0) + 1);
  }
  return [...counts].reduce((best, next) => (next[1] > best[1] ? next : best))[0];
}

function parseRecords(text: string): Parsed[] {
  try {
    return parse(text, {
      bom: true,
      delimiter: detectDelimiter(text.replace(/^\uFEFF/, '')),
      info: true,
      relax_column_count: true,
      relax_quotes: true,
      skip_empty_lines: true,
      skip_records_with_empty_values: true,
    }) as unknown as Parsed[];
  } catch (err) {
    // A broken quote swallows the rest of the file, so no row after it can be trusted: refuse it all.
    if (err instanceof CsvError) {
      throw invalid(`the CSV is malformed: ${err.message}`, [{ path: 'body', message: err.code }]);
    }
    throw err;
  }
}

/**
 * Country names, time zones, statuses and websites repeat across an export; reading one costs tens
 * of microseconds (name tables, zone lookups), so each distinct value is read once per file.
 */
const REPEATING: ReadonlySet<string> = new Set([
  'country',
  'timezone',
  'emailStatus',
  'website',
  'stage',
  'unsubscribed',
  'bounced',
]);
type Memo = Map<string, ReturnType<(typeof CELL_READERS)[keyof typeof CELL_READERS]>>;

function readCell(memo: Memo, key: keyof typeof CELL_READERS, cell: string) {
  if (!REPEATING.has(key)) return CELL_READERS[key](cell);
  const id = `${key}\u0000${cell}`;
  let read = memo.get(id);
  if (!read) {
    read = CELL_READERS[key](cell);
    if (memo.size < 50_000) memo.set(id, read);
  }
  return read;
}

function readRow(
  columns: CsvColumn[],
  cells: string[],
  row: number,
  cellErrors: CellError[],
  memo: Memo,
): CsvRow {
  const values: RowValues & { phoneValid?: boolean } = {};
  const sources: Partial<Record<keyof RowValues, CellSource>> = {};
  const fields: Record<string, string> = {};
  const set = values as Record<string, unknown>;
  columns.forEach((column, i) => {
    const cell = cells[i]?.trim() ?? '';
    // Empty cells mean "no value here": they never clear what an existing contact already has.
    if (cell === '' || column.kind === 'ignored') return;
    if (column.kind === 'custom') {
      // Kept as text exactly, "=SUM(…)" included: nothing here is ever evaluated.
      fields[column.name] = cell.slice(0, 10_000);
      return;
    }
    // Several phone or email columns: the first one with a usable value wins.
    if (set[column.key] !== undefined) return;
    const read = readCell(memo, column.key, cell);
    if ('error' in read) {
      cellErrors.push({ row, column: column.header, value: cell, error: read.error });
      return;
    }
    set[column.key] = read.value;
    sources[column.key] = { column: column.header, value: cell };
  });
  if (Object.keys(fields).length > 0) (values as { fields?: Record<string, string> }).fields = fields;
  if (values.fullName && !values.firstName && !values.lastName)
    Object.assign(values, splitFullName(values.fullName));
  if (values.stage && stageMeansDoNotContact(values.stage)) values.unsubscribed = true;
  if (values.emailStatus === 'invalid' && sources.emailStatus && /bounce/i.test(sources.emailStatus.value)) {
    values.bounced = true;
  }
  if (values.phone !== undefined) {
    const { phone, valid } = normalizePhone(values.phone, values.country);
    values.phone = phone;
    values.phoneValid = valid;
    if (!valid) {
      const source = sources.phone;
      cellErrors.push({
        row,
        column: source?.column ?? 'phone',
        value: source?.value ?? phone,
        error: 'not a phone number that can be dialled; kept as written and flagged',
      });
    }
  }
  // A name alone reaches nobody and cannot be matched on the next import (it would duplicate), so a
  // row needs an email, a phone that can be dialled or a LinkedIn profile.
  if (!values.email && !values.linkedinUrl && !values.phoneValid) {
    const emailProblem = cellErrors.find(
      (e) => e.row === row && sources.email === undefined && /mail/i.test(e.column),
    );
    return {
      row,
      ok: false,
      error: emailProblem
        ? `${emailProblem.column}: ${emailProblem.error}, and no phone or LinkedIn profile to reach this person instead`
        : 'no usable email, phone or LinkedIn profile to reach this person',
    };
  }
  return { row, ok: true, values, sources };
}

/**
 * Parses an import file. Problems of the file as a whole (no header, broken quoting, too many rows)
 * are errors; a value that cannot be read fails only its cell, and a row fails only when nothing
 * in it says who the contact is.
 */
export function parseContactsCsv(text: string): ParsedCsv {
  const records = parseRecords(text);
  const [header, ...data] = records;
  if (!header) throw invalid('the CSV is empty: expected a header row and then one row per contact');
  if (data.length > MAX_IMPORT_ROWS) {
    throw tooLarge(
      `the file has ${data.length} data rows; import at most ${MAX_IMPORT_ROWS} per request`,
      'too_many_rows',
    );
  }
  const columns = mapHeader(header.record);
  const cellErrors: CellError[] = [];
  const memo: Memo = new Map();
  const rows = data.map(({ record }, index): CsvRow => {
    const row = index + 1;
    if (record.length > columns.length && record.slice(columns.length).some((c) => c.trim() !== '')) {
      return { row, ok: false, error: `row has ${record.length} cells but the header has ${columns.length}` };
    }
    // One such cell fails its row, never the file: the good rows around it are still imported.
    const unsafe = record.findIndex(hasUnsafeText);
    if (unsafe >= 0) {
      const name = header.record[unsafe] ?? `column ${unsafe + 1}`;
      return { row, ok: false, error: `${name}: contains a NUL character or an unpaired surrogate` };
    }
    return readRow(columns, record, row, cellErrors, memo);
  });
  return { columns: columnReport(columns), rows, cellErrors };
}
