import { eq } from 'drizzle-orm';
import type { Email } from '../../../shared/schemas/email';
import type { Db } from '../../db/client';
import { emails } from '../../db/schema';
import type { Actor } from '../actor';
import { notFound } from '../errors';
import { selectVisibleEmails, toEmailDtos } from './email-reads';

/** One email of a contact the actor sees; any other id is not found. */
export async function getEmail({ db }: { db: Db }, actor: Actor, id: string): Promise<Email> {
  const [row] = await selectVisibleEmails(db, actor, [eq(emails.id, id)]);
  if (!row) throw notFound('email');
  const [dto] = await toEmailDtos(db, actor, [row]);
  if (!dto) throw notFound('email');
  return dto;
}
