import { and, asc, eq, gt } from 'drizzle-orm';
import type { TeamUser } from '../../../shared/schemas/user';
import type { Db } from '../../db/client';
import { users } from '../../db/schema';
import { type Actor, assertAdmin } from '../actor';
import { type Page, toPage } from '../page';
import { toTeamUserDto } from './user-dto';

/** The team's members for an admin, ordered by id. */
export async function listUsers(
  { db }: { db: Db },
  actor: Actor,
  q: { limit: number; cursor?: string | undefined },
): Promise<Page<TeamUser>> {
  assertAdmin(actor);
  const rows = await db
    .select()
    .from(users)
    .where(and(eq(users.teamId, actor.teamId), q.cursor ? gt(users.id, q.cursor) : undefined))
    .orderBy(asc(users.id))
    .limit(q.limit + 1);
  const page = toPage(rows, q.limit);
  return { ...page, items: page.items.map(toTeamUserDto) };
}
