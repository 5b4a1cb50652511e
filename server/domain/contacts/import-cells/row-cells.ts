import type { ImportFieldKey } from '../../../../shared/import/import-fields';
import { emailAddressSchema } from '../../../../shared/schemas/common';
import { contactInputSchema, type EmailStatus } from '../../../../shared/schemas/contact';
import { isIanaTimeZone } from '../../../../shared/schemas/time-zone';
import { countryCode } from './country';
import { bouncedValue, emailStatus, type Read, yesNo } from './status-values';
import { ianaZone } from './time-zone';

/** A row's readable values, field by field, before the database is consulted. */
export interface RowValues {
  email?: string;
  firstName?: string;
  lastName?: string;
  fullName?: string;
  title?: string;
  company?: string;
  website?: string;
  phone?: string;
  linkedinUrl?: string;
  stage?: string;
  timezone?: string;
  country?: string;
  emailStatus?: EmailStatus;
  unsubscribed?: boolean;
  bounced?: boolean;
  ownerEmail?: string;
  lists?: string[];
  personalizedOpener?: string;
  prospectScore?: number;
  accountId?: string;
  ownerId?: string;
}

/** Apollo writes this in place of an address the exporting seat has not unlocked. */
const APOLLO_LOCKED = /^email_not_unlocked@/i;
/** Spreadsheets guard leading zeros and plus signs as ="0151…" or '+44…; the digits are what counts. */
const unguard = (s: string) => s.replace(/^="(.*)"$/, '$1').replace(/^['=](?=[+(\d])/, '');

const shape = contactInputSchema.shape;

function bySchema<T>(
  schema: {
    safeParse(v: unknown): { success: boolean; data?: unknown; error?: { issues: { message: string }[] } };
  },
  cell: string,
): Read<T> {
  const parsed = schema.safeParse(cell);
  if (parsed.success) return { value: parsed.data as T };
  return { error: parsed.error?.issues[0]?.message ?? 'invalid value' };
}

function readEmail(cell: string): Read<string> {
  // Outreach writes every address of a prospect in one cell; the first is the primary one.
  const first =
    cell
      .replace(/^mailto:/i, '')
      .split(/[;,\s]+/)
      .find(Boolean) ?? '';
  if (APOLLO_LOCKED.test(first)) return { error: 'the export hides this address (not unlocked in Apollo)' };
  return bySchema(emailAddressSchema, first);
}

function readWebsite(cell: string): Read<string> {
  let host = cell.trim().toLowerCase();
  try {
    host = new URL(/^[a-z]+:\/\//.test(host) ? host : `https://${host}`).hostname;
  } catch {
    return { error: 'not a website address' };
  }
  host = host.replace(/^www\./, '');
  if (!/^(?=.{1,253}$)([a-z0-9-]{1,63}\.)+[a-z]{2,63}$/.test(host)) return { error: 'not a website address' };
  return { value: host };
}

function readLists(cell: string): Read<string[]> {
  const names = [
    ...new Set(
      cell
        .split(/[,;\n]/)
        .map((s) => s.trim())
        .filter(Boolean),
    ),
  ];
  const long = names.find((n) => n.length > 200);
  if (long) return { error: 'a list name is longer than 200 characters' };
  return { value: names };
}

function readScore(cell: string): Read<number> {
  const n = /^[+-]?\d+(\.\d+)?$/.test(cell) ? Number(cell) : Number.NaN;
  if (!Number.isInteger(n) || n < 0 || n > 1000) return { error: 'expected a whole number from 0 to 1000' };
  return { value: n };
}

const text =
  (max: number) =>
  (cell: string): Read<string> =>
    cell.length > max ? { error: `longer than ${max} characters` } : { value: cell };

type Reader = (cell: string) => Read<unknown>;

/** One reader per field; each says why a cell cannot be used, and the row goes on without it. */
export const CELL_READERS: Record<ImportFieldKey, Reader> = {
  email: readEmail,
  firstName: text(200),
  lastName: text(200),
  fullName: text(400),
  title: text(200),
  company: text(200),
  website: readWebsite,
  phone: (cell) => text(50)(unguard(cell)),
  linkedinUrl: (cell) => bySchema(shape.linkedinUrl.unwrap().unwrap(), cell),
  stage: text(100),
  timezone: (cell) => {
    const zone = ianaZone(cell);
    return zone && isIanaTimeZone(zone) ? { value: zone } : { error: 'not a time zone this server knows' };
  },
  country: (cell) => {
    const code = countryCode(cell);
    return code ? { value: code } : { error: 'not a country name or ISO code' };
  },
  emailStatus,
  unsubscribed: yesNo,
  bounced: bouncedValue,
  ownerEmail: text(320),
  lists: readLists,
  personalizedOpener: text(5000),
  prospectScore: readScore,
  accountId: (cell) => bySchema(shape.accountId.unwrap().unwrap(), cell),
  ownerId: (cell) => bySchema(shape.ownerId.unwrap().unwrap(), cell),
};

/** "Lovelace, Ada" and "Ada King Lovelace" into first and last name (the last word is the surname). */
export function splitFullName(full: string): { firstName?: string; lastName?: string } {
  const comma = full.indexOf(',');
  if (comma > 0)
    return { lastName: full.slice(0, comma).trim(), firstName: full.slice(comma + 1).trim() || undefined };
  const words = full.trim().split(/\s+/);
  if (words.length === 1) return { firstName: words[0] };
  return { firstName: words.slice(0, -1).join(' '), lastName: words.at(-1) };
}
