import { and, asc, eq, exists, gt, sql } from 'drizzle-orm';
import type { Enrollment, EnrollmentStatus } from '../../../shared/schemas/enrollment';
import type { Db } from '../../db/client';
import { contacts, enrollments, sequences } from '../../db/schema';
import type { Actor } from '../actor';
import { contactMatches } from '../contacts/contact-search';
import { type Page, toPage } from '../page';
import { visibleEnrollments } from './access';
import { visibleEnrollmentDtos } from './enrollment-view';

export interface ListEnrollmentsQuery {
  limit: number;
  cursor?: string;
  contactId?: string;
  sequenceId?: string;
  status?: EnrollmentStatus;
  /** The contact's name or email contains this, case-insensitively. */
  q?: string;
}

/** Searched in a subquery: the contact stays out of the join unless a search asks for it. */
const matchingContact = (db: Db, q: string) =>
  exists(
    db
      .select({ one: sql`1` })
      .from(contacts)
      .where(and(eq(contacts.id, enrollments.contactId), contactMatches(q))),
  );

/** Enrollments the actor can see, by id. */
export async function listEnrollments(
  { db }: { db: Db },
  actor: Actor,
  q: ListEnrollmentsQuery,
): Promise<Page<Enrollment>> {
  const rows = await db
    .select({ e: enrollments })
    .from(enrollments)
    .innerJoin(sequences, eq(sequences.id, enrollments.sequenceId))
    .where(
      and(
        visibleEnrollments(actor),
        q.contactId ? eq(enrollments.contactId, q.contactId) : undefined,
        q.sequenceId ? eq(enrollments.sequenceId, q.sequenceId) : undefined,
        q.status ? eq(enrollments.status, q.status) : undefined,
        q.q ? matchingContact(db, q.q) : undefined,
        q.cursor ? gt(enrollments.id, q.cursor) : undefined,
      ),
    )
    .orderBy(asc(enrollments.id))
    .limit(q.limit + 1);
  const page = toPage(
    rows.map((r) => r.e),
    q.limit,
  );
  return { ...page, items: await visibleEnrollmentDtos(db, actor, page.items) };
}
