import type { Contact } from '../../../shared/schemas/contact';
import type { Db } from '../../db/client';
import type { Actor } from '../actor';
import { toContactDto } from './contact-dto';
import { type CreateContactInput, insertContact } from './contact-writes';

/** A new contact (owner rules, duplicate email and account linking live in contact-writes). */
export async function createContact(
  { db, now }: { db: Db; now: Date },
  actor: Actor,
  input: CreateContactInput,
): Promise<Contact> {
  return toContactDto(await insertContact(db, actor, input, now));
}
