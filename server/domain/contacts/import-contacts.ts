import { and, eq, inArray, sql } from 'drizzle-orm';
import type { ImportResult } from '../../../shared/schemas/contact';
import type { AuthUser } from '../../app-env';
import { visibleContacts } from '../../auth/access';
import { nextChangeSeq } from '../../db/change-seq';
import type { Db, Tx } from '../../db/client';
import { accounts, activities, contacts } from '../../db/schema';
import { ApiError } from '../../http/api-error';
import { newId } from '../../lib/ids';
import { bulkInsert, bulkUpdateById } from './bulk-write';
import type { AccountRow, ContactRow } from './contact-dto';
import type { CreateContactInput } from './contact-writes';
import type { CsvRow } from './csv-rows';
import {
  accountsByDomain,
  emailDomain,
  isUniqueViolation,
  ownerChangeProblem,
  teamUserIds,
} from './team-refs';

/** Ids or emails per lookup, well under Postgres's 65,535 parameters. */
const CHUNK = 1000;
const MAX_CUSTOM_FIELDS = 200;

type ContactValues = typeof contacts.$inferInsert & { id: string; fields: Record<string, string> };

interface Target {
  values: ContactValues;
  /** The stored row before this import; absent for contacts this file creates. */
  original?: ContactRow;
  accountChosen: boolean;
}

/** Columns an import may write back to an existing contact. */
const UPDATABLE = [
  'email',
  'emailLower',
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
  'fields',
  'prospectScore',
  'updatedAt',
] as const;

const chunks = <T>(list: T[]): T[][] =>
  Array.from({ length: Math.ceil(list.length / CHUNK) }, (_, i) => list.slice(i * CHUNK, (i + 1) * CHUNK));

async function loadExisting(tx: Tx, user: AuthUser, emailLowers: string[]) {
  const found = new Map<string, { row: ContactRow; visible: boolean }>();
  for (const part of chunks(emailLowers)) {
    const rows = await tx
      .select({ row: contacts, visible: sql<boolean>`${visibleContacts(user)}` })
      .from(contacts)
      .where(and(eq(contacts.teamId, user.teamId), inArray(contacts.emailLower, part)))
      .for('update');
    for (const r of rows) if (r.row.emailLower) found.set(r.row.emailLower, r);
  }
  return found;
}

async function loadAccountIds(tx: Tx, teamId: string, ids: string[]): Promise<Map<string, AccountRow>> {
  const found = new Map<string, AccountRow>();
  for (const part of chunks(ids)) {
    const rows = await tx
      .select()
      .from(accounts)
      .where(and(eq(accounts.teamId, teamId), inArray(accounts.id, part)));
    for (const r of rows) found.set(r.id, r);
  }
  return found;
}

/** Every column a new row needs, defaults included: the bulk insert does not fall back on them. */
function newValues(user: AuthUser, now: Date): ContactValues {
  return {
    id: newId('con', now.getTime()),
    teamId: user.teamId,
    emailStatus: 'unverified',
    fields: {},
    prospectScore: 0,
    jobChangeDetected: false,
    createdAt: now,
    updatedAt: now,
  };
}

/** Non-empty cells overwrite; custom fields merge into those the contact already has. */
function applyRow(target: Target, input: CreateContactInput, now: Date): string | null {
  const v = target.values;
  const fields = input.fields ? { ...v.fields, ...input.fields } : v.fields;
  if (Object.keys(fields).length > MAX_CUSTOM_FIELDS) {
    return `fields: the contact would have more than ${MAX_CUSTOM_FIELDS} custom fields`;
  }
  const { fields: _fields, ...plain } = input;
  Object.assign(v, plain, { fields, updatedAt: now });
  if (input.email) v.emailLower = input.email.toLowerCase();
  if (input.accountId) target.accountChosen = true;
  return null;
}

/** Links by email domain (as POST does) and names the company after a newly linked account. */
function finish(target: Target, byDomain: Map<string, AccountRow>, byId: Map<string, AccountRow>) {
  const v = target.values;
  let account = target.accountChosen && v.accountId ? byId.get(v.accountId) : undefined;
  if (!target.accountChosen && !v.accountId) {
    const domain = emailDomain(v.email);
    account = domain ? byDomain.get(domain) : undefined;
    if (account) v.accountId = account.id;
  }
  if (account && !v.company) v.company = account.name;
}

const INSERTED = ['id', 'teamId', 'createdAt', 'jobChangeDetected', ...UPDATABLE] as const;
const ACTIVITY = ['id', 'teamId', 'kind', 'contactId', 'actorId', 'data', 'createdAt'] as const;

async function writeAll(tx: Tx, user: AuthUser, targets: Target[], now: Date) {
  const created = targets.filter((t) => !t.original).map((t) => t.values);
  const updated = targets.filter((t) => t.original).map((t) => t.values);
  await bulkInsert(tx, contacts, INSERTED, created);
  await bulkUpdateById(
    tx,
    contacts,
    UPDATABLE,
    updated,
    sql`${sql.identifier('change_seq')} = ${nextChangeSeq()}`,
  );
  const entry = (t: Target, kind: string, data: Record<string, unknown>) => ({
    id: newId('act', now.getTime()),
    teamId: user.teamId,
    kind,
    contactId: t.values.id,
    actorId: user.id,
    data,
    createdAt: now,
  });
  const history = targets.flatMap((t) => {
    const entries = [entry(t, t.original ? 'contact_updated' : 'contact_created', { source: 'csv_import' })];
    const before = t.original?.ownerId ?? null;
    const after = t.values.ownerId ?? null;
    // Tasks and emails already created stay with the old owner; only later ones follow the new one.
    if (t.original && before !== after) entries.push(entry(t, 'owner_changed', { from: before, to: after }));
    return entries;
  });
  await bulkInsert(tx, activities, ACTIVITY, history);
}

/**
 * Applies parsed rows in one transaction with a handful of set-based statements (no per-row round
 * trips). Every row counts once: as created (a new contact), updated (an existing contact, or one an
 * earlier row of the same file created) or failed.
 */
export async function importContacts(
  db: Db,
  user: AuthUser,
  rows: CsvRow[],
  now: Date,
): Promise<ImportResult> {
  const failed: ImportResult['failed'] = rows.flatMap((r) => (r.ok ? [] : [{ row: r.row, error: r.error }]));
  const valid = rows.filter((r) => r.ok);
  const emails = [...new Set(valid.flatMap((r) => (r.input.email ? [r.input.email.toLowerCase()] : [])))];
  const accountIds = [...new Set(valid.flatMap((r) => (r.input.accountId ? [r.input.accountId] : [])))];
  let created = 0;
  let updated = 0;
  try {
    await db.transaction(async (tx) => {
      const members = await teamUserIds(tx, user.teamId);
      const existing = await loadExisting(tx, user, emails);
      const byId = await loadAccountIds(tx, user.teamId, accountIds);
      const byDomain = await accountsByDomain(
        tx,
        user.teamId,
        emails.flatMap((e) => emailDomain(e) ?? []),
      );
      const byEmail = new Map<string, Target>();
      const targets: Target[] = [];
      const fail = (row: number, error: string) => failed.push({ row, error });
      for (const { row, input } of valid) {
        const key = input.email?.toLowerCase();
        const target = key ? byEmail.get(key) : undefined;
        const stored = key && !target ? existing.get(key) : undefined;
        if (stored && !stored.visible) {
          fail(row, 'email: a contact with this email exists and belongs to another user');
          continue;
        }
        if (input.ownerId && !members.has(input.ownerId)) {
          fail(row, 'ownerId: no such user in your team');
          continue;
        }
        if (input.accountId && !byId.has(input.accountId)) {
          fail(row, 'accountId: no such account in your team');
          continue;
        }
        const currentOwner = target ? (target.values.ownerId ?? null) : (stored?.row.ownerId ?? null);
        const ownerProblem =
          input.ownerId === undefined ? null : ownerChangeProblem(user, currentOwner, input.ownerId ?? null);
        if (ownerProblem) {
          fail(row, `ownerId: ${ownerProblem}`);
          continue;
        }
        const fresh: Target | undefined = target
          ? undefined
          : stored
            ? { values: { ...stored.row }, original: stored.row, accountChosen: false }
            : { values: newValues(user, now), accountChosen: false };
        const into = target ?? fresh;
        if (!into) continue;
        const problem = applyRow(into, input, now);
        if (problem) {
          fail(row, problem);
          continue;
        }
        if (fresh) {
          targets.push(fresh);
          if (key) byEmail.set(key, fresh);
        }
        if (fresh && !fresh.original) created += 1;
        else updated += 1;
      }
      for (const t of targets) finish(t, byDomain, byId);
      await writeAll(tx, user, targets, now);
    });
  } catch (err) {
    // Only a contact created concurrently with this import can collide; the whole import rolled back.
    if (isUniqueViolation(err)) {
      throw new ApiError(
        409,
        'conflict',
        'another change added one of these emails meanwhile; run the import again',
      );
    }
    throw err;
  }
  failed.sort((a, b) => a.row - b.row);
  return { created, updated, failed };
}
