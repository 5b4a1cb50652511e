import { and, asc, eq, type SQL } from 'drizzle-orm';
import type { Email } from '../../../shared/schemas/email';
import { visibleContacts } from '../../auth/access';
import type { Db } from '../../db/client';
import { contacts, emails, enrollments } from '../../db/schema';
import type { Actor } from '../actor';
import { maskMailboxIds } from '../mailboxes/mailbox-access';
import { toEmailDto } from './email-dto';
import { previewSubjects } from './subject-preview';

const listed = {
  id: emails.id,
  email: emails,
  enrollment: { userId: enrollments.userId, sequenceId: enrollments.sequenceId },
};

/** Emails of contacts the actor sees, by id, with the enrollment the subject preview needs. */
export function selectVisibleEmails(db: Db, actor: Actor, filters: (SQL | undefined)[], limit?: number) {
  const query = db
    .select(listed)
    .from(emails)
    .innerJoin(contacts, eq(contacts.id, emails.contactId))
    .leftJoin(enrollments, eq(enrollments.id, emails.enrollmentId))
    .where(and(visibleContacts(actor), ...filters))
    .orderBy(asc(emails.id));
  return limit === undefined ? query : query.limit(limit);
}

/** Unsent emails show the subject they would go out with now, not their template. */
export async function toEmailDtos(
  db: Db,
  actor: Actor,
  rows: Parameters<typeof previewSubjects>[1],
): Promise<Email[]> {
  const subjects = await previewSubjects(db, rows);
  const dtos = rows.map(({ email }) => {
    const subject = subjects.get(email.id);
    return toEmailDto(subject === undefined ? email : { ...email, subject });
  });
  return maskMailboxIds(db, actor, dtos);
}
