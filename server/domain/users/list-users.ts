import { eq } from 'drizzle-orm';
import type { TeamUser } from '../../../shared/schemas/user';
import type { Db } from '../../db/client';
import { users } from '../../db/schema';
import { type Actor, assertAdmin } from '../actor';
import { keysetPage, mapPage, type PageQuery } from '../keyset-page';
import type { Page } from '../page';
import { toTeamUserDto } from './user-dto';

/** The team's members for an admin, ordered by id. */
export async function listUsers({ db }: { db: Db }, actor: Actor, q: PageQuery): Promise<Page<TeamUser>> {
  assertAdmin(actor);
  const page = await keysetPage(
    db.select().from(users).$dynamic(),
    users.id,
    [eq(users.teamId, actor.teamId)],
    q,
  );
  return mapPage(page, toTeamUserDto);
}
