import { customFieldsSchema } from '../../../shared/schemas/common';
import { badRequest } from '../../http/api-error';

export const CONTACT_COLUMNS = [
  'email',
  'firstName',
  'lastName',
  'title',
  'company',
  'accountId',
  'ownerId',
  'stage',
  'timezone',
  'country',
  'emailStatus',
  'personalizedOpener',
  'prospectScore',
] as const;
export type ContactColumn = (typeof CONTACT_COLUMNS)[number];

export type CsvColumn =
  | { kind: 'contact'; key: ContactColumn }
  | { kind: 'custom'; name: string }
  /** A column with a blank header: spreadsheets often export trailing empty columns. */
  | { kind: 'ignored' };

/** Headers compare without case, spaces or punctuation, so "First Name", "first_name", "FIRSTNAME" match. */
const normalize = (header: string) => header.toLowerCase().replace(/[^a-z0-9]/g, '');

/** What CRMs and spreadsheets commonly call these columns (Apollo, HubSpot and Salesforce exports). */
const ALIASES: Record<ContactColumn, string[]> = {
  email: ['email', 'emailaddress', 'mail', 'workemail', 'businessemail'],
  firstName: ['firstname', 'first', 'givenname', 'forename'],
  lastName: ['lastname', 'last', 'surname', 'familyname'],
  title: ['title', 'jobtitle', 'position'],
  company: ['company', 'companyname', 'organization', 'organisation', 'employer'],
  accountId: ['accountid'],
  ownerId: ['ownerid', 'contactownerid'],
  stage: ['stage', 'contactstage'],
  timezone: ['timezone', 'tz', 'contacttimezone'],
  country: ['country', 'countrycode'],
  emailStatus: ['emailstatus'],
  personalizedOpener: ['personalizedopener', 'personalisedopener', 'opener'],
  prospectScore: ['prospectscore', 'score'],
};

const BY_ALIAS = new Map<string, ContactColumn>(
  CONTACT_COLUMNS.flatMap((key) => ALIASES[key].map((alias) => [alias, key] as const)),
);

const FIELDS_PREFIX = /^fields?\./i;

function customName(header: string): string {
  const name = header.replace(FIELDS_PREFIX, '').trim();
  const check = customFieldsSchema.safeParse({ [name]: '' });
  // zod drops a "__proto__" key instead of failing, so a missing key means a reserved name too.
  if (!check.success || !Object.hasOwn(check.data, name)) {
    const reason = check.error?.issues[0]?.message ?? 'reserved field name';
    throw badRequest(`column "${header}" cannot be a custom field: ${reason}`, [
      { path: `header.${header}`, message: reason },
    ]);
  }
  return name;
}

/**
 * Maps the header row to contact fields; anything unrecognised becomes a custom field under its own
 * name ("fields.X" also names custom field X). Problems with the header concern every row, so they
 * refuse the whole file.
 */
export function mapHeader(header: string[]): CsvColumn[] {
  const seen = new Map<string, string>();
  const columns = header.map((raw): CsvColumn => {
    const text = raw.trim();
    if (text === '') return { kind: 'ignored' };
    const key = FIELDS_PREFIX.test(text) ? undefined : BY_ALIAS.get(normalize(text));
    const column: CsvColumn = key ? { kind: 'contact', key } : { kind: 'custom', name: customName(text) };
    const id =
      column.kind === 'contact' ? column.key : `fields.${column.kind === 'custom' ? column.name : ''}`;
    const earlier = seen.get(id);
    if (earlier !== undefined) {
      throw badRequest(`columns "${earlier}" and "${text}" both map to ${id}; keep one of them`, [
        { path: `header.${text}`, message: `duplicates column "${earlier}"` },
      ]);
    }
    seen.set(id, text);
    return column;
  });
  const customCount = columns.filter((c) => c.kind === 'custom').length;
  if (customCount > 200)
    throw badRequest(`the file has ${customCount} custom columns; at most 200 are allowed`);
  if (!columns.some((c) => c.kind === 'contact' && ['email', 'firstName', 'lastName'].includes(c.key))) {
    throw badRequest('the header row has no email, first name or last name column; is the header missing?', [
      { path: 'header', message: `found: ${header.join(', ').slice(0, 300)}` },
    ]);
  }
  return columns;
}
