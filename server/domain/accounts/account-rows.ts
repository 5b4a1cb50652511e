import { and, eq, ne, sql } from 'drizzle-orm';
import type { Db, Tx } from '../../db/client';
import { accounts } from '../../db/schema';
import type { Actor } from '../actor';
import { conflict, notFound } from '../errors';

/** Deps of the account use-cases: the database and the moment they act at. */
export interface AccountDeps {
  db: Db;
  now: Date;
}

/** An account of the actor's team, or not_found (another team's accounts do not exist for them). */
export async function loadAccount(db: Db, actor: Actor, id: string) {
  const [row] = await db
    .select()
    .from(accounts)
    .where(and(eq(accounts.teamId, actor.teamId), eq(accounts.id, id)));
  if (!row) throw notFound('account');
  return row;
}

/**
 * The schema has no unique index on (team, domain), so the check runs inside the write's transaction
 * under an advisory lock on the pair: two concurrent creates cannot both pass it.
 */
export async function assertDomainFree(
  tx: Tx,
  teamId: string,
  domain: string | null | undefined,
  exceptId?: string,
) {
  if (!domain) return;
  await tx.execute(
    sql`select pg_advisory_xact_lock(hashtextextended(${`account-domain:${teamId}:${domain}`}, 0))`,
  );
  const [clash] = await tx
    .select({ id: accounts.id })
    .from(accounts)
    .where(
      and(
        eq(accounts.teamId, teamId),
        eq(accounts.domain, domain),
        exceptId ? ne(accounts.id, exceptId) : undefined,
      ),
    )
    .limit(1);
  if (clash)
    throw conflict('an account with this domain already exists in your team', { accountId: clash.id });
}
