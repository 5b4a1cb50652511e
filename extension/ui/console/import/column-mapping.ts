import { customFieldsSchema } from '../../../../shared/schemas/common';

/** Contact fields a CSV column can fill (POST /api/contacts/import names its columns after these). */
export const IMPORT_FIELDS = [
  { key: 'email', label: 'Email', aliases: ['email', 'emailaddress', 'mail', 'workemail', 'e-mail'] },
  { key: 'firstName', label: 'First name', aliases: ['firstname', 'first', 'givenname', 'forename'] },
  { key: 'lastName', label: 'Last name', aliases: ['lastname', 'last', 'surname', 'familyname'] },
  { key: 'title', label: 'Job title', aliases: ['title', 'jobtitle', 'position', 'role'] },
  {
    key: 'company',
    label: 'Company',
    aliases: ['company', 'companyname', 'organization', 'organisation', 'account', 'accountname'],
  },
  { key: 'stage', label: 'Contact stage', aliases: ['stage', 'contactstage', 'leadstage'] },
  { key: 'timezone', label: 'Time zone', aliases: ['timezone', 'tz'] },
  { key: 'country', label: 'Country (2 letters)', aliases: ['country', 'countrycode'] },
  {
    key: 'emailStatus',
    label: 'Email status',
    aliases: ['emailstatus', 'verification', 'emailverification'],
  },
  {
    key: 'personalizedOpener',
    label: 'Personalized opener',
    aliases: ['personalizedopener', 'personalisedopener', 'opener'],
  },
  { key: 'prospectScore', label: 'Prospect score', aliases: ['prospectscore', 'score'] },
  { key: 'accountId', label: 'Account id', aliases: ['accountid'] },
  { key: 'ownerId', label: 'Owner id', aliases: ['ownerid'] },
] as const;

export type ImportFieldKey = (typeof IMPORT_FIELDS)[number]['key'];

export type ColumnTarget =
  | { kind: 'field'; key: ImportFieldKey }
  | { kind: 'custom'; name: string }
  | { kind: 'skip' };

const squash = (s: string) => s.toLowerCase().replace(/[^a-z0-9]/g, '');

/** Checked with the schema the server applies to custom fields, so a name it refuses is caught here. */
export function customNameProblem(name: string): string | undefined {
  const n = name.trim();
  if (!n) return 'Name the custom field.';
  const check = customFieldsSchema.safeParse({ [n]: '' });
  // zod drops a "__proto__" key instead of failing, so a missing key means a reserved name too.
  if (!check.success || !Object.hasOwn(check.data, n)) {
    return `“${n}” can't be a field name: ${check.error?.issues[0]?.message ?? 'reserved field name'}.`;
  }
  return undefined;
}

/**
 * A first guess per column: a known field by name or alias, else a custom field of the column's
 * name (what the server would do), else skipped when the name cannot be a field name.
 */
export function guessMapping(header: readonly string[]): ColumnTarget[] {
  const taken = new Set<string>();
  return header.map((raw): ColumnTarget => {
    const s = squash(raw.replace(/^fields\./i, ''));
    const field = /^fields\./i.test(raw)
      ? undefined
      : IMPORT_FIELDS.find((f) => squash(f.key) === s || f.aliases.some((a) => squash(a) === s));
    if (field && !taken.has(field.key)) {
      taken.add(field.key);
      return { kind: 'field', key: field.key };
    }
    const name = raw.replace(/^fields\./i, '').trim();
    if (!name || customNameProblem(name)) return { kind: 'skip' };
    return { kind: 'custom', name };
  });
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
