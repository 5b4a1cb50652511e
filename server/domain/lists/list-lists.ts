import { eq, getTableColumns } from 'drizzle-orm';
import type { ContactList } from '../../../shared/schemas/list';
import type { Db } from '../../db/client';
import { lists } from '../../db/schema';
import type { Actor } from '../actor';
import { keysetPage, mapPage, type PageQuery } from '../keyset-page';
import type { Page } from '../page';
import { memberCount, toListDto } from './list-queries';

export async function listLists({ db }: { db: Db }, actor: Actor, q: PageQuery): Promise<Page<ContactList>> {
  const page = await keysetPage(
    db
      .select({ ...getTableColumns(lists), memberCount: memberCount(actor) })
      .from(lists)
      .$dynamic(),
    lists.id,
    [eq(lists.teamId, actor.teamId)],
    q,
  );
  return mapPage(page, toListDto);
}
