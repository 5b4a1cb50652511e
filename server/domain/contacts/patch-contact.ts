import type { Contact } from '../../../shared/schemas/contact';
import type { Db } from '../../db/client';
import type { Actor } from '../actor';
import { toContactDto } from './contact-dto';
import { type PatchContactInput, updateContact } from './contact-writes';

/** Changes the given fields of a contact the actor sees. */
export async function patchContact(
  { db, now }: { db: Db; now: Date },
  actor: Actor,
  id: string,
  patch: PatchContactInput,
): Promise<Contact> {
  return toContactDto(await updateContact(db, actor, id, patch, now));
}
