import type { ContactList } from '../../../shared/schemas/list';
import type { Db } from '../../db/client';
import type { Actor } from '../actor';
import { loadList, toListDto } from './list-queries';

export async function getList({ db }: { db: Db }, actor: Actor, id: string): Promise<ContactList> {
  return toListDto(await loadList(db, actor, id));
}
