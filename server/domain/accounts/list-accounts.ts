import { eq, ilike, or, type SQL } from 'drizzle-orm';
import type { Account } from '../../../shared/schemas/contact';
import type { Db } from '../../db/client';
import { accounts } from '../../db/schema';
import type { Actor } from '../actor';
import { toAccountDto } from '../contacts/contact-dto';
import { containsPattern } from '../contacts/team-refs';
import { keysetPage, mapPage, type PageQuery } from '../keyset-page';
import type { Page } from '../page';

export interface ListAccountsQuery extends PageQuery {
  /** Searched in name and domain. */
  q?: string | undefined;
  domain?: string | undefined;
  stage?: string | undefined;
  ownerId?: string | undefined;
}

function filters(q: ListAccountsQuery): SQL[] {
  const where: SQL[] = [];
  if (q.domain) where.push(eq(accounts.domain, q.domain));
  if (q.stage) where.push(eq(accounts.stage, q.stage));
  if (q.ownerId) where.push(eq(accounts.ownerId, q.ownerId));
  if (q.q) {
    const search = or(
      ilike(accounts.name, containsPattern(q.q)),
      ilike(accounts.domain, containsPattern(q.q)),
    );
    if (search) where.push(search);
  }
  return where;
}

/** The team's accounts, ordered by id; `nextCursor` fetches the next page. */
export async function listAccounts(
  { db }: { db: Db },
  actor: Actor,
  q: ListAccountsQuery,
): Promise<Page<Account>> {
  const page = await keysetPage(
    db.select().from(accounts).$dynamic(),
    accounts.id,
    [eq(accounts.teamId, actor.teamId), ...filters(q)],
    q,
  );
  return mapPage(page, toAccountDto);
}
