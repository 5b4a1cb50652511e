import { eq, exists, type SQL, sql } from 'drizzle-orm';
import { mailboxes, mailboxShares } from '../../db/schema';
import { type Actor, isAdmin } from '../actor';
import { keysetPage, type PageQuery } from '../keyset-page';
import type { Page } from '../page';
import type { MailboxDto } from './mailbox-dto';
import { type MailboxDeps, mailboxDtos } from './mailbox-views';

export interface ListMailboxesQuery extends PageQuery {
  /** Admins: only this user's mailboxes. */
  userId?: string | undefined;
  /** 'true': the mailboxes colleagues shared with the actor, instead of their own. */
  shared?: 'true' | 'false' | undefined;
}

const sharedWith = (userId: string) =>
  exists(
    sql`(select 1 from ${mailboxShares} where ${mailboxShares.mailboxId} = ${mailboxes.id} and ${mailboxShares.userId} = ${userId})`,
  );

/** The actor's mailboxes (or those shared with them); for an admin, the whole team's. */
export async function listMailboxes(
  deps: MailboxDeps,
  actor: Actor,
  q: ListMailboxesQuery,
): Promise<Page<MailboxDto>> {
  const where: (SQL | undefined)[] = [eq(mailboxes.teamId, actor.teamId)];
  if (q.shared === 'true') where.push(sharedWith(actor.id));
  else if (!isAdmin(actor)) where.push(eq(mailboxes.userId, actor.id));
  else if (q.userId) where.push(eq(mailboxes.userId, q.userId));
  const page = await keysetPage(deps.db.select().from(mailboxes).$dynamic(), mailboxes.id, where, q);
  return { ...page, items: await mailboxDtos(deps, page.items) };
}
