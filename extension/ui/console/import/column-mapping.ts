import {
  type ColumnTarget,
  IMPORT_FIELDS,
  MULTI_COLUMN_FIELDS,
  customNameProblem as schemaProblem,
} from '../../../../shared/import/import-fields';

// The table of fields and export aliases is the server's own (shared/import/import-fields.ts), so the
// mapping the console proposes is the one the server would apply to the same header.
export {
  type ColumnTarget,
  guessMapping,
  IMPORT_FIELDS,
  type ImportFieldKey,
} from '../../../../shared/import/import-fields';

/** Checked with the schema the server applies to custom fields, so a name it refuses is caught here. */
export function customNameProblem(name: string): string | undefined {
  const n = name.trim();
  if (!n) return 'Name the custom field.';
  const problem = schemaProblem(n);
  return problem ? `“${n}” can't be a field name: ${problem}.` : undefined;
}

/** Problems that stop the import, in words; an empty list means the mapping can be used. */
export function mappingProblems(mapping: readonly ColumnTarget[], header: readonly string[]): string[] {
  const out: string[] = [];
  const seen = new Map<string, number>();
  mapping.forEach((t, i) => {
    const column = `“${header[i] ?? `column ${i + 1}`}”`;
    if (t.kind === 'custom') {
      const p = customNameProblem(t.name);
      if (p) out.push(`${column}: ${p}`);
    }
    if (t.kind === 'skip') return;
    const key = t.kind === 'field' ? t.key : `fields.${t.name.trim()}`;
    // Several phone or email columns are fallbacks for one another: the first non-empty cell wins.
    if (t.kind === 'field' && MULTI_COLUMN_FIELDS.has(t.key)) return;
    const first = seen.get(key);
    if (first !== undefined)
      out.push(`${column} and “${header[first] ?? ''}” both fill the same field; choose one.`);
    else seen.set(key, i);
  });
  if (mapping.every((t) => t.kind === 'skip')) out.push('Map at least one column to a field.');
  return out;
}

/** The header row sent to the server: canonical field names, `fields.NAME` for custom fields. */
export function mappedHeader(mapping: readonly ColumnTarget[]): string[] {
  return mapping.flatMap((t) =>
    t.kind === 'field' ? [t.key] : t.kind === 'custom' ? [`fields.${t.name.trim()}`] : [],
  );
}

/** A data row's cells in the order of mappedHeader, skipped columns dropped. */
export function projectRow(cells: readonly string[], mapping: readonly ColumnTarget[]): string[] {
  return mapping.flatMap((t, i) => (t.kind === 'skip' ? [] : [cells[i] ?? '']));
}

export function targetLabel(t: ColumnTarget): string {
  if (t.kind === 'skip') return "Don't import";
  if (t.kind === 'custom') return `Custom field “${t.name}”`;
  return IMPORT_FIELDS.find((f) => f.key === t.key)?.label ?? t.key;
}
