import { customFieldsSchema } from '../schemas/common';

/**
 * What an import column can fill, and what the tools teams leave call it in their exports (Apollo,
 * HubSpot, Salesforce reports and Data Loader, Outreach, Pipedrive, LinkedIn Sales Navigator lead
 * exports). Aliases are compared squashed: lower case, letters and digits only, so "E-mail",
 * "Email Address" and "EMAIL_ADDRESS" all meet "emailaddress". The server and the console's column
 * mapper both start from this table, so what the console proposes is what the server would do.
 */
export const IMPORT_FIELDS = [
  {
    key: 'email',
    label: 'Email',
    aliases: [
      'email',
      'emailaddress',
      'mail',
      'workemail',
      'businessemail',
      'primaryemail',
      'emails',
      'email1',
      'personemail',
      'personemailwork',
      'emailwork',
      'contactemail',
    ],
  },
  {
    key: 'firstName',
    label: 'First name',
    aliases: ['firstname', 'first', 'givenname', 'forename', 'personfirstname', 'contactfirstname'],
  },
  {
    key: 'lastName',
    label: 'Last name',
    aliases: ['lastname', 'last', 'surname', 'familyname', 'personlastname', 'contactlastname'],
  },
  {
    key: 'fullName',
    label: 'Full name (split into first and last)',
    aliases: ['name', 'fullname', 'personname', 'contactname', 'contact'],
  },
  {
    key: 'title',
    label: 'Job title',
    aliases: ['title', 'jobtitle', 'position', 'persontitle', 'personjobtitle', 'currenttitle'],
  },
  {
    key: 'company',
    label: 'Company',
    aliases: [
      'company',
      'companyname',
      'organization',
      'organisation',
      'employer',
      'accountname',
      'account',
      'personorganization',
      'organizationname',
      'associatedcompany',
      'currentcompany',
    ],
  },
  {
    key: 'website',
    label: 'Company website (links the account)',
    aliases: ['website', 'websiteurl', 'companywebsite', 'companydomain', 'domain', 'companydomainname'],
  },
  {
    key: 'phone',
    label: 'Phone',
    aliases: [
      'phone',
      'phonenumber',
      'firstphone',
      'workdirectphone',
      'directphone',
      'mobilephone',
      'mobilephonenumber',
      'mobile',
      'mobilephones',
      'workphone',
      'workphones',
      'businessphone',
      'personphone',
      'personphonework',
      'personphonemobile',
      'corporatephone',
      'otherphone',
      'homephone',
    ],
  },
  {
    key: 'linkedinUrl',
    label: 'LinkedIn profile',
    aliases: [
      'linkedinurl',
      'personlinkedinurl',
      'linkedin',
      'linkedinprofile',
      'linkedinprofileurl',
      'profileurl',
      'linkedinpublicurl',
      'hslinkedinurl',
      'linkedinbio',
    ],
  },
  {
    key: 'stage',
    label: 'Contact stage',
    aliases: ['stage', 'contactstage', 'leadstage', 'lifecyclestage', 'leadstatus', 'personlabel'],
  },
  {
    key: 'timezone',
    label: 'Time zone',
    aliases: ['timezone', 'tz', 'contacttimezone', 'timezonesidkey', 'persontimezone'],
  },
  {
    key: 'country',
    label: 'Country',
    aliases: [
      'country',
      'countrycode',
      'countryregion',
      'mailingcountry',
      'mailingcountrycode',
      'addresscountry',
      'personcountry',
      'contactcountry',
      'othercountry',
    ],
  },
  {
    key: 'emailStatus',
    label: 'Email status',
    aliases: ['emailstatus', 'verification', 'emailverification', 'emailverificationstatus'],
  },
  {
    key: 'unsubscribed',
    label: 'Opted out / unsubscribed / do not contact',
    aliases: [
      'unsubscribed',
      'emailoptout',
      'hasoptedoutofemail',
      'optedout',
      'optout',
      'donotemail',
      'donotcontact',
      'unsubscribedfromallemail',
      'optedoutofallemail',
      'globalunsubscribe',
      'unsubscribedfromemails',
    ],
  },
  {
    key: 'bounced',
    label: 'Email bounced',
    aliases: [
      'bounced',
      'emailbounced',
      'hardbounced',
      'emailbouncedreason',
      'emailbounceddate',
      'emailhardbouncereason',
      'marketingemailsbounced',
      'hardbouncereason',
      'isemailbounced',
    ],
  },
  {
    key: 'ownerEmail',
    label: 'Owner (email or name)',
    aliases: ['contactowner', 'owner', 'personowner', 'owneremail', 'contactowneremail', 'recordowner'],
  },
  { key: 'lists', label: 'Lists (comma-separated)', aliases: ['lists', 'list', 'listnames', 'tags'] },
  {
    key: 'personalizedOpener',
    label: 'Personalized opener',
    aliases: ['personalizedopener', 'personalisedopener', 'opener'],
  },
  { key: 'prospectScore', label: 'Prospect score', aliases: ['prospectscore', 'score'] },
  { key: 'accountId', label: 'Stride account id', aliases: ['accountid'] },
  { key: 'ownerId', label: 'Stride owner id', aliases: ['ownerid'] },
] as const;

export type ImportFieldKey = (typeof IMPORT_FIELDS)[number]['key'];

/** Fields several columns may fill: the first non-empty cell of the row wins ("First Phone", "Mobile Phone"). */
export const MULTI_COLUMN_FIELDS: ReadonlySet<ImportFieldKey> = new Set(['phone', 'email']);

export const squashHeader = (header: string) =>
  header
    .normalize('NFKD')
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '');

const BY_ALIAS = new Map<string, ImportFieldKey>(
  IMPORT_FIELDS.flatMap((f) => [
    [squashHeader(f.key), f.key] as const,
    ...f.aliases.map((a) => [a, f.key] as const),
  ]),
);

export function fieldForHeader(header: string): ImportFieldKey | undefined {
  return BY_ALIAS.get(squashHeader(header));
}

export const FIELDS_PREFIX = /^fields?\./i;

/** Null when the name can be a custom field key as is; else why not (schema message). */
export function customNameProblem(name: string): string | null {
  const check = customFieldsSchema.safeParse({ [name]: '' });
  // zod drops a "__proto__" key instead of failing, so a missing key means a reserved name too.
  if (!check.success || !Object.hasOwn(check.data, name)) {
    return check.error?.issues[0]?.message ?? 'reserved field name';
  }
  return null;
}

/**
 * A custom field key for any header: kept as written when it is already a valid key ("Plan",
 * "Lead Source"), else camel-cased from its words with accents and symbols dropped ("# Employees" →
 * "employees", "Número d'employés" → "numeroDEmployes"). Null when nothing usable is left ("###").
 */
export function customFieldKey(header: string): string | null {
  const text = header.replace(FIELDS_PREFIX, '').trim();
  if (text && !customNameProblem(text)) return text;
  const words = text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean);
  const key = words
    .map((w, i) => (i === 0 ? w.toLowerCase() : w[0]?.toUpperCase() + w.slice(1).toLowerCase()))
    .join('')
    .slice(0, 100);
  if (!key || customNameProblem(key)) return null;
  return key;
}

export type ColumnTarget =
  | { kind: 'field'; key: ImportFieldKey }
  | { kind: 'custom'; name: string }
  | { kind: 'skip' };

/**
 * The mapping an import starts from: a known field by name or alias (a second column for the same
 * single-valued field becomes a custom field instead of refusing the file), else a custom field
 * under a normalised key, else skipped (blank or symbol-only headers).
 */
export function guessMapping(header: readonly string[]): ColumnTarget[] {
  const taken = new Set<string>();
  return header.map((raw): ColumnTarget => {
    const text = raw.trim();
    if (!text) return { kind: 'skip' };
    const field = FIELDS_PREFIX.test(text) ? undefined : fieldForHeader(text);
    if (field && (!taken.has(field) || MULTI_COLUMN_FIELDS.has(field))) {
      taken.add(field);
      return { kind: 'field', key: field };
    }
    let name = customFieldKey(text);
    if (name === null) return { kind: 'skip' };
    // Two headers normalising to one key ("Employees", "# Employees") keep both values apart.
    for (let n = 2; taken.has(`fields.${name}`); n++) name = `${customFieldKey(text)}${n}`;
    taken.add(`fields.${name}`);
    return { kind: 'custom', name };
  });
}
