import { eq, gt } from 'drizzle-orm';
import type { Email, EmailStatus } from '../../../shared/schemas/email';
import type { NotSentCode } from '../../../shared/schemas/not-sent-code';
import type { Db } from '../../db/client';
import { contacts, emails, enrollments } from '../../db/schema';
import type { Actor } from '../actor';
import { type Page, toPage } from '../page';
import { selectVisibleEmails, toEmailDtos } from './email-reads';

export interface ListEmailsQuery {
  limit: number;
  cursor?: string;
  enrollmentId?: string;
  contactId?: string;
  sequenceId?: string;
  status?: EmailStatus;
  reason?: NotSentCode;
  /** Only emails to contacts this user owns. */
  ownerId?: string;
}

/** Emails of the contacts the actor sees, oldest first, filtered as asked. */
export async function listEmails({ db }: { db: Db }, actor: Actor, q: ListEmailsQuery): Promise<Page<Email>> {
  const rows = await selectVisibleEmails(
    db,
    actor,
    [
      q.enrollmentId ? eq(emails.enrollmentId, q.enrollmentId) : undefined,
      q.contactId ? eq(emails.contactId, q.contactId) : undefined,
      q.sequenceId ? eq(enrollments.sequenceId, q.sequenceId) : undefined,
      q.status ? eq(emails.status, q.status) : undefined,
      q.reason ? eq(emails.reason, q.reason) : undefined,
      q.ownerId ? eq(contacts.ownerId, q.ownerId) : undefined,
      q.cursor ? gt(emails.id, q.cursor) : undefined,
    ],
    q.limit + 1,
  );
  const page = toPage(rows, q.limit);
  return { ...page, items: await toEmailDtos(db, actor, page.items) };
}
