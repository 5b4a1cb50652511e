import { type ColumnTarget, guessMapping, type ImportFieldKey } from '../../../shared/import/import-fields';
import { invalid } from '../errors';

export type CsvColumn =
  | { kind: 'field'; key: ImportFieldKey; header: string }
  | { kind: 'custom'; name: string; header: string }
  /** A blank or symbol-only header: spreadsheets often export trailing empty columns. */
  | { kind: 'ignored'; header: string };

/** Columns that can tell who a row is; a header with none of them is most likely not a header. */
const IDENTITY: ReadonlySet<ImportFieldKey> = new Set([
  'email',
  'firstName',
  'lastName',
  'fullName',
  'phone',
  'linkedinUrl',
]);

/** What the response reports per column: the contact field, `fields.KEY`, or null when skipped. */
export function columnReport(columns: CsvColumn[]): { header: string; field: string | null }[] {
  return columns.map((c) => ({
    header: c.header,
    field: c.kind === 'field' ? c.key : c.kind === 'custom' ? `fields.${c.name}` : null,
  }));
}

/**
 * Maps the header row with the table shared with the console (shared/import/import-fields.ts):
 * known export headers become fields, anything else a custom field under a normalised key, so any
 * header is importable. Only a header with no identity column at all refuses the file.
 */
export function mapHeader(header: string[]): CsvColumn[] {
  const targets: ColumnTarget[] = guessMapping(header);
  const columns = targets.map((t, i): CsvColumn => {
    const text = header[i]?.trim() ?? '';
    if (t.kind === 'field') return { kind: 'field', key: t.key, header: text };
    if (t.kind === 'custom') return { kind: 'custom', name: t.name, header: text };
    return { kind: 'ignored', header: text };
  });
  const customCount = columns.filter((c) => c.kind === 'custom').length;
  if (customCount > 200) throw invalid(`the file has ${customCount} custom columns; at most 200 are allowed`);
  if (!columns.some((c) => c.kind === 'field' && IDENTITY.has(c.key))) {
    throw invalid('the header row has no email, name, phone or LinkedIn column; is the header missing?', [
      { path: 'header', message: `found: ${header.join(', ').slice(0, 300)}` },
    ]);
  }
  return columns;
}
