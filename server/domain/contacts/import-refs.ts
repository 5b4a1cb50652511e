import { and, eq, inArray, sql } from 'drizzle-orm';
import { insertRows } from '../../db/bulk';
import type { Tx } from '../../db/client';
import { newId } from '../../db/ids';
import { accounts, listMembers, lists, users } from '../../db/schema';
import type { AccountRow } from './contact-dto';

const CHUNK = 1000;
const chunks = <T>(list: T[]): T[][] =>
  Array.from({ length: Math.ceil(list.length / CHUNK) }, (_, i) => list.slice(i * CHUNK, (i + 1) * CHUNK));

/**
 * The team's users by id, lower-cased email and lower-cased name: exports name a record's owner by
 * email (Apollo, Outreach) or by full name (Salesforce and HubSpot reports). A name two users share
 * is left out, so it can never pick the wrong one.
 */
export async function teamMembers(tx: Tx, teamId: string) {
  const rows = await tx
    .select({ id: users.id, email: users.email, name: users.name })
    .from(users)
    .where(eq(users.teamId, teamId));
  const ids = new Set(rows.map((r) => r.id));
  const byEmail = new Map(rows.map((r) => [r.email.toLowerCase(), r.id]));
  const byName = new Map<string, string | null>();
  for (const r of rows) {
    const key = r.name.trim().toLowerCase();
    byName.set(key, byName.has(key) ? null : r.id);
  }
  const find = (ref: string): string | null => {
    const key = ref.trim().toLowerCase();
    return byEmail.get(key) ?? byName.get(key) ?? null;
  };
  return { ids, find };
}

export interface AccountWish {
  /** The website's domain; null when the row names only a company. */
  domain: string | null;
  name: string;
}

/**
 * Finds or creates the accounts rows point at: by domain first, then by name (case-insensitive),
 * and creates one per missing domain or name in one statement. Keys are `d:domain` or `n:name`.
 */
export async function resolveAccounts(
  tx: Tx,
  teamId: string,
  wishes: AccountWish[],
  now: Date,
): Promise<{ byKey: Map<string, AccountRow>; created: number }> {
  const byKey = new Map<string, AccountRow>();
  const domains = [...new Set(wishes.flatMap((w) => (w.domain ? [w.domain] : [])))];
  const names = [...new Set(wishes.map((w) => w.name.toLowerCase()))];
  for (const part of chunks(domains)) {
    const rows = await tx
      .select()
      .from(accounts)
      .where(and(eq(accounts.teamId, teamId), inArray(accounts.domain, part)))
      .orderBy(accounts.id);
    for (const r of rows) if (r.domain && !byKey.has(`d:${r.domain}`)) byKey.set(`d:${r.domain}`, r);
  }
  for (const part of chunks(names)) {
    const rows = await tx
      .select()
      .from(accounts)
      .where(and(eq(accounts.teamId, teamId), inArray(sql`lower(${accounts.name})`, part)))
      .orderBy(accounts.id);
    for (const r of rows)
      if (!byKey.has(`n:${r.name.toLowerCase()}`)) byKey.set(`n:${r.name.toLowerCase()}`, r);
  }
  const fresh: AccountRow[] = [];
  for (const w of wishes) {
    if (accountFor(byKey, w)) continue;
    const row: AccountRow = {
      id: newId('acc', now.getTime()),
      teamId,
      name: w.name,
      domain: w.domain,
      stage: null,
      ownerId: null,
      createdAt: now,
      updatedAt: now,
      changeSeq: 0,
    };
    fresh.push(row);
    if (w.domain) byKey.set(`d:${w.domain}`, row);
    byKey.set(`n:${w.name.toLowerCase()}`, row);
  }
  await insertRows(tx, accounts, fresh, {
    columns: ['id', 'teamId', 'name', 'domain', 'createdAt', 'updatedAt'],
  });
  return { byKey, created: fresh.length };
}

export function accountFor(byKey: Map<string, AccountRow>, w: AccountWish): AccountRow | undefined {
  return (w.domain ? byKey.get(`d:${w.domain}`) : undefined) ?? byKey.get(`n:${w.name.toLowerCase()}`);
}

/** Lists by name (case-insensitive, the team's oldest first), creating those missing. */
export async function resolveLists(tx: Tx, teamId: string, ownerId: string, names: string[], now: Date) {
  const byName = new Map<string, string>();
  const wanted = [...new Map(names.map((n) => [n.toLowerCase(), n])).values()];
  for (const part of chunks(wanted.map((n) => n.toLowerCase()))) {
    const rows = await tx
      .select({ id: lists.id, name: lists.name })
      .from(lists)
      .where(and(eq(lists.teamId, teamId), inArray(sql`lower(${lists.name})`, part)))
      .orderBy(lists.id);
    for (const r of rows) if (!byName.has(r.name.toLowerCase())) byName.set(r.name.toLowerCase(), r.id);
  }
  const fresh = wanted
    .filter((n) => !byName.has(n.toLowerCase()))
    .map((name) => ({ id: newId('lst', now.getTime()), teamId, ownerId, name, createdAt: now }));
  for (const l of fresh) byName.set(l.name.toLowerCase(), l.id);
  await insertRows(tx, lists, fresh, { columns: ['id', 'teamId', 'ownerId', 'name', 'createdAt'] });
  return { byName, created: fresh.length };
}

export async function addListMembers(tx: Tx, pairs: { listId: string; contactId: string }[]) {
  const unique = [...new Map(pairs.map((p) => [`${p.listId} ${p.contactId}`, p])).values()];
  await insertRows(tx, listMembers, unique, {
    columns: ['listId', 'contactId'],
    onConflict: sql`on conflict do nothing`,
  });
}
