import { and, eq, inArray, sql } from 'drizzle-orm';
import type { ActivityKind } from '../../../shared/enums';
import type { ImportResult } from '../../../shared/schemas/contact';
import { visibleContacts } from '../../auth/access';
import { insertRows, updateRowsById } from '../../db/bulk';
import type { Db, Tx } from '../../db/client';
import { newId } from '../../db/ids';
import { accounts, activities, bouncedAddresses, contacts } from '../../db/schema';
import type { Actor } from '../actor';
import { conflict } from '../errors';
import type { AccountRow, ContactRow } from './contact-dto';
import type { CellError, CsvRow, ParsedCsv } from './csv-rows';
import {
  type AccountWish,
  accountFor,
  addListMembers,
  resolveAccounts,
  resolveLists,
  teamMembers,
} from './import-refs';
import { finishUnsubscribedEnrollments } from './import-unsubscribe';
import { accountsByDomain, emailDomain, isUniqueViolation, ownerChangeProblem } from './team-refs';

/** Ids or emails per lookup, well under Postgres's 65,535 parameters. */
const CHUNK = 1000;
const MAX_CUSTOM_FIELDS = 200;

type ContactValues = typeof contacts.$inferInsert & { id: string; fields: Record<string, string> };
type OkRow = Extract<CsvRow, { ok: true }>;

interface Target {
  values: ContactValues;
  /** The stored row before this import; absent for contacts this file creates. */
  original?: ContactRow;
  accountChosen: boolean;
  account?: AccountWish;
  lists: string[];
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
  'phone',
  'phoneValid',
  'linkedinUrl',
  'fields',
  'prospectScore',
  'unsubscribedAt',
  'bouncedAt',
  'updatedAt',
] as const;

/** Row values copied onto the contact as they are. */
const PLAIN = [
  'email',
  'firstName',
  'lastName',
  'title',
  'company',
  'stage',
  'timezone',
  'country',
  'emailStatus',
  'personalizedOpener',
  'phone',
  'phoneValid',
  'linkedinUrl',
  'prospectScore',
] as const;

const chunks = <T>(list: T[]): T[][] =>
  Array.from({ length: Math.ceil(list.length / CHUNK) }, (_, i) => list.slice(i * CHUNK, (i + 1) * CHUNK));

async function loadExisting(tx: Tx, user: Actor, emailLowers: string[]) {
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
function newValues(user: Actor, now: Date): ContactValues {
  return {
    id: newId('con', now.getTime()),
    teamId: user.teamId,
    emailStatus: 'unverified',
    fields: {},
    prospectScore: 0,
    jobChangeDetected: false,
    unsubscribedAt: null,
    bouncedAt: null,
    createdAt: now,
    updatedAt: now,
  };
}

/** The account a row points at: by its website's domain, else by company name. */
function accountWish(values: OkRow['values']): AccountWish | undefined {
  const domain = values.website ?? null;
  const name = values.company ?? domain;
  return name ? { domain, name } : undefined;
}

/** Non-empty cells overwrite; custom fields merge into those the contact already has. */
function applyRow(
  target: Target,
  r: OkRow,
  ownerId: string | undefined,
  accountId: string | undefined,
  now: Date,
) {
  const v = target.values;
  const input = r.values as OkRow['values'] & { fields?: Record<string, string> };
  const fields = input.fields ? { ...v.fields, ...input.fields } : v.fields;
  if (Object.keys(fields).length > MAX_CUSTOM_FIELDS) {
    return `fields: the contact would have more than ${MAX_CUSTOM_FIELDS} custom fields`;
  }
  for (const key of PLAIN) if (input[key] !== undefined) Object.assign(v, { [key]: input[key] });
  v.fields = fields;
  v.updatedAt = now;
  if (input.email) v.emailLower = input.email.toLowerCase();
  if (ownerId !== undefined) v.ownerId = ownerId;
  if (accountId !== undefined) {
    v.accountId = accountId;
    target.accountChosen = true;
  } else if (!target.accountChosen) {
    target.account = accountWish(input) ?? target.account;
  }
  if (input.unsubscribed && !v.unsubscribedAt) v.unsubscribedAt = now;
  if (input.bounced) {
    v.bouncedAt ??= now;
    v.emailStatus = 'invalid';
  }
  if (input.lists) target.lists.push(...input.lists);
  return null;
}

/** An account the team has for the contact's work email, as POST links it. */
function domainAccount(t: Target, byDomain: Map<string, AccountRow>) {
  const domain = emailDomain(t.values.email);
  return domain ? byDomain.get(domain) : undefined;
}

/**
 * Links the account: an id the row chose, else the row's website, else the account of the email's
 * domain (as POST does), else the company by name. The company is named after a linked account.
 */
function linkAccount(
  target: Target,
  byDomain: Map<string, AccountRow>,
  byId: Map<string, AccountRow>,
  wished: Map<string, AccountRow>,
) {
  const v = target.values;
  let account: AccountRow | undefined;
  if (target.accountChosen) account = v.accountId ? byId.get(v.accountId) : undefined;
  else if (target.account?.domain) account = accountFor(wished, target.account);
  else if (!v.accountId)
    account = domainAccount(target, byDomain) ?? (target.account && accountFor(wished, target.account));
  if (account) v.accountId = account.id;
  if (account && !v.company) v.company = account.name;
}

const INSERTED = ['id', 'teamId', 'createdAt', 'jobChangeDetected', ...UPDATABLE] as const;
const ACTIVITY = ['id', 'teamId', 'kind', 'contactId', 'actorId', 'data', 'createdAt'] as const;

async function writeAll(tx: Tx, user: Actor, targets: Target[], now: Date) {
  const created = targets.filter((t) => !t.original).map((t) => t.values);
  const updated = targets.filter((t) => t.original).map((t) => t.values);
  await insertRows(tx, contacts, created, { columns: INSERTED });
  await updateRowsById(tx, contacts, UPDATABLE, updated);
  const entry = (t: Target, kind: ActivityKind, data: Record<string, unknown>) => ({
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
    if (t.values.unsubscribedAt === now && !t.original?.unsubscribedAt) {
      entries.push(entry(t, 'contact.unsubscribed', { source: 'csv_import' }));
    }
    return entries;
  });
  await insertRows(tx, activities, history, { columns: ACTIVITY });
  // The team-wide bounce list makes bounce protection hold for this address in any later contact.
  const bounced = [
    ...new Set(
      targets
        .filter((t) => t.values.bouncedAt === now && t.values.emailLower)
        .map((t) => t.values.emailLower as string),
    ),
  ];
  await insertRows(
    tx,
    bouncedAddresses,
    bounced.map((address) => ({
      teamId: user.teamId,
      address,
      detail: 'marked bounced in an imported file',
      createdAt: now,
    })),
    { onConflict: sql`on conflict do nothing` },
  );
}

/**
 * Applies parsed rows in one transaction with a handful of set-based statements (no per-row round
 * trips). Every row counts once: as created (a new contact), updated (an existing contact, or one an
 * earlier row of the same file created) or failed. Values that point elsewhere (owner, account id)
 * and cannot be found fail their cell only.
 */
export async function importContacts(
  db: Db,
  user: Actor,
  parsed: ParsedCsv,
  now: Date,
): Promise<ImportResult> {
  const { rows, columns } = parsed;
  const cellErrors: CellError[] = [...parsed.cellErrors];
  const failed: ImportResult['failed'] = rows.flatMap((r) => (r.ok ? [] : [{ row: r.row, error: r.error }]));
  const valid = rows.filter((r): r is OkRow => r.ok);
  const emails = [...new Set(valid.flatMap((r) => (r.values.email ? [r.values.email.toLowerCase()] : [])))];
  const accountIds = [...new Set(valid.flatMap((r) => (r.values.accountId ? [r.values.accountId] : [])))];
  const result = { created: 0, updated: 0, unsubscribed: 0, bounced: 0, accountsCreated: 0, listsCreated: 0 };
  try {
    await db.transaction(async (tx) => {
      const members = await teamMembers(tx, user.teamId);
      const existing = await loadExisting(tx, user, emails);
      const byId = await loadAccountIds(tx, user.teamId, accountIds);
      const byDomain = await accountsByDomain(
        tx,
        user.teamId,
        emails.flatMap((e) => emailDomain(e) ?? []),
      );
      const byEmail = new Map<string, Target>();
      const targets: Target[] = [];
      const cellError = (r: OkRow, key: 'ownerEmail' | 'ownerId' | 'accountId', error: string) => {
        const source = r.sources[key];
        cellErrors.push({ row: r.row, column: source?.column ?? key, value: source?.value ?? '', error });
      };
      for (const r of valid) {
        const key = r.values.email?.toLowerCase();
        const target = key ? byEmail.get(key) : undefined;
        const stored = key && !target ? existing.get(key) : undefined;
        if (stored && !stored.visible) {
          failed.push({
            row: r.row,
            error: 'email: a contact with this email exists and belongs to another user',
          });
          continue;
        }
        let ownerId: string | undefined;
        if (r.values.ownerId !== undefined) {
          if (members.ids.has(r.values.ownerId)) ownerId = r.values.ownerId;
          else cellError(r, 'ownerId', 'no such user in your team');
        } else if (r.values.ownerEmail !== undefined) {
          ownerId = members.find(r.values.ownerEmail) ?? undefined;
          if (!ownerId) cellError(r, 'ownerEmail', 'no user in your team with this email or name');
        }
        const currentOwner = target ? (target.values.ownerId ?? null) : (stored?.row.ownerId ?? null);
        const ownerProblem = ownerId === undefined ? null : ownerChangeProblem(user, currentOwner, ownerId);
        if (ownerProblem) {
          cellError(r, r.values.ownerId !== undefined ? 'ownerId' : 'ownerEmail', ownerProblem);
          ownerId = undefined;
        }
        let accountId: string | undefined;
        if (r.values.accountId !== undefined) {
          if (byId.has(r.values.accountId)) accountId = r.values.accountId;
          else cellError(r, 'accountId', 'no such account in your team');
        }
        const fresh: Target | undefined = target
          ? undefined
          : stored
            ? { values: { ...stored.row }, original: stored.row, accountChosen: false, lists: [] }
            : { values: newValues(user, now), accountChosen: false, lists: [] };
        const into = target ?? fresh;
        if (!into) continue;
        const problem = applyRow(into, r, ownerId, accountId, now);
        if (problem) {
          failed.push({ row: r.row, error: problem });
          continue;
        }
        if (fresh) {
          targets.push(fresh);
          if (key) byEmail.set(key, fresh);
        }
        if (fresh && !fresh.original) result.created += 1;
        else result.updated += 1;
      }
      // A company with no website joins the account of the email's domain rather than a new one.
      const wishes = targets.flatMap((t) =>
        t.account &&
        !t.accountChosen &&
        (t.account.domain || (!t.values.accountId && !domainAccount(t, byDomain)))
          ? [t.account]
          : [],
      );
      const wished = await resolveAccounts(tx, user.teamId, wishes, now);
      result.accountsCreated = wished.created;
      for (const t of targets) linkAccount(t, byDomain, byId, wished.byKey);
      await writeAll(tx, user, targets, now);
      const listNames = targets.flatMap((t) => t.lists);
      if (listNames.length > 0) {
        const found = await resolveLists(tx, user.teamId, user.id, listNames, now);
        result.listsCreated = found.created;
        await addListMembers(
          tx,
          targets.flatMap((t) =>
            t.lists.flatMap((n) => {
              const listId = found.byName.get(n.toLowerCase());
              return listId ? [{ listId, contactId: t.values.id }] : [];
            }),
          ),
        );
      }
      const newlyUnsubscribed = targets.filter((t) => t.values.unsubscribedAt === now);
      result.unsubscribed = newlyUnsubscribed.length;
      result.bounced = targets.filter((t) => t.values.bouncedAt === now).length;
      await finishUnsubscribedEnrollments(
        tx,
        user.teamId,
        newlyUnsubscribed.filter((t) => t.original).map((t) => t.values.id),
        now,
      );
    });
  } catch (err) {
    // Only a contact created concurrently with this import can collide; the whole import rolled back.
    if (isUniqueViolation(err)) {
      throw conflict('another change added one of these emails meanwhile; run the import again');
    }
    throw err;
  }
  failed.sort((a, b) => a.row - b.row);
  cellErrors.sort((a, b) => a.row - b.row);
  return { ...result, failed, columns, cellErrors };
}
