import type { Contact } from '../../../shared/schemas/contact';
import { loadContactFor } from '../../auth/access';
import type { Db } from '../../db/client';
import type { Actor } from '../actor';
import { toContactDto } from './contact-dto';

/** A contact the actor sees; any other id is not found. */
export async function getContact({ db }: { db: Db }, actor: Actor, id: string): Promise<Contact> {
  return toContactDto(await loadContactFor(db, actor, id));
}
