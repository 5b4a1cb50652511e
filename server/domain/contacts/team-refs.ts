import { and, asc, eq, inArray } from 'drizzle-orm';
import type { Db, Tx } from '../../db/client';
import { accounts, users } from '../../db/schema';
import type { Actor } from '../actor';
import { forbidden, invalid } from '../errors';
import type { AccountRow } from './contact-dto';

/** Postgres and PGlite both report unique-index violations as SQLSTATE 23505; drizzle may wrap it. */
export function isUniqueViolation(err: unknown): boolean {
  for (let e: unknown = err, depth = 0; e && depth < 4; depth++) {
    if (typeof e === 'object' && (e as { code?: unknown }).code === '23505') return true;
    e = (e as { cause?: unknown }).cause;
  }
  return false;
}

/** `q` is user text: escape LIKE's wildcards so "50%" means those three characters. */
export function containsPattern(q: string): string {
  return `%${q.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`;
}

export function emailDomain(email: string | null | undefined): string | null {
  if (!email) return null;
  const at = email.lastIndexOf('@');
  return at < 0 ? null : email.slice(at + 1).toLowerCase();
}

/**
 * Reps may claim an unowned record or release their own to the team pool; handing records to someone
 * else, or taking them from someone else, is an admin's call (Apollo's default permission profile).
 */
export function ownerChangeProblem(user: Actor, from: string | null, to: string | null): string | null {
  if (user.role === 'admin' || from === to) return null;
  const mineOrPool = (id: string | null) => id === null || id === user.id;
  if (!mineOrPool(from)) return 'only an admin can take a record away from its owner';
  if (!mineOrPool(to)) return 'only an admin can assign a record to another user';
  return null;
}

export function assertMayChangeOwner(user: Actor, from: string | null, to: string | null): void {
  const problem = ownerChangeProblem(user, from, to);
  if (problem) throw forbidden(problem);
}

export async function teamUserIds(db: Db | Tx, teamId: string, ids?: string[]): Promise<Set<string>> {
  if (ids && ids.length === 0) return new Set();
  const rows = await db
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.teamId, teamId), ids ? inArray(users.id, ids) : undefined));
  return new Set(rows.map((r) => r.id));
}

export async function assertTeamOwner(db: Db | Tx, teamId: string, ownerId: string | null | undefined) {
  if (!ownerId) return;
  const found = await teamUserIds(db, teamId, [ownerId]);
  if (!found.has(ownerId)) {
    throw invalid('ownerId: no such user in your team', [
      { path: 'ownerId', message: 'no such user in your team' },
    ]);
  }
}

export async function loadTeamAccount(db: Db | Tx, teamId: string, accountId: string): Promise<AccountRow> {
  const [row] = await db
    .select()
    .from(accounts)
    .where(and(eq(accounts.teamId, teamId), eq(accounts.id, accountId)));
  if (!row) {
    throw invalid('accountId: no such account in your team', [
      { path: 'accountId', message: 'no such account in your team' },
    ]);
  }
  return row;
}

/** Accounts by domain; when several share one, the oldest wins so links are stable. */
export async function accountsByDomain(
  db: Db | Tx,
  teamId: string,
  domains: string[],
): Promise<Map<string, AccountRow>> {
  const byDomain = new Map<string, AccountRow>();
  const unique = [...new Set(domains)];
  for (let i = 0; i < unique.length; i += 1000) {
    const rows = await db
      .select()
      .from(accounts)
      .where(and(eq(accounts.teamId, teamId), inArray(accounts.domain, unique.slice(i, i + 1000))))
      .orderBy(asc(accounts.id));
    for (const row of rows) if (row.domain && !byDomain.has(row.domain)) byDomain.set(row.domain, row);
  }
  return byDomain;
}
