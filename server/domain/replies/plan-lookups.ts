import { and, eq, inArray, isNotNull, min, or, type SQL } from 'drizzle-orm';
import { inboxKeys } from '../../../shared/replies/same-inbox';
import { effectiveRuleset } from '../../../shared/schemas/ruleset';
import { visibleContacts } from '../../auth/access';
import type { Db } from '../../db/client';
import { contacts, emails, enrollments, mailboxes, mailboxSync, sequences, users } from '../../db/schema';
import type { Actor } from '../actor';
import { chunks } from '../enrollments/schedule-step';
import { rulesetOf } from '../sequences/dto';

// The rows planning reads, each lookup for any number of threads at once (match-thread plans them).

/** Enrollment statuses a message from the contact can still change (API.md's `not_sent` included). */
export const LIVE_STATUSES = ['active', 'scheduled', 'paused', 'not_sent'] as const;

export interface MatchedContact {
  id: string;
  emailLower: string | null;
  timezone: string | null;
  /** The contact's account: a reply from a colleague at it feeds the ruleset's `sameAccountReply`. */
  accountId: string | null;
}

export interface LiveEnrollment {
  id: string;
  contactId: string;
  sequenceId: string;
  finishOnReply: boolean;
  firstSentAt: Date;
}

export interface SentEmail {
  id: string;
  enrollmentId: string | null;
  contactId: string;
  messageId: string | null;
  sentAt: Date;
}

/**
 * Every address of the team, as inbox keys (shared/replies/same-inbox.ts): each linked mailbox of any
 * rep with its aliases (given in settings, or learned by sync from the provider), and each user's
 * sign-in email. Mail from any of them (or a `+tag`/dotted variant that lands in
 * the same inbox) is the team writing, never a contact's reply, out-of-office or bounce. Three queries
 * per plan, however many messages it covers.
 */
export async function teamAddresses(db: Db, user: Actor): Promise<Set<string>> {
  const boxes = await db
    .select({ address: mailboxes.address, aliases: mailboxes.aliases })
    .from(mailboxes)
    .where(eq(mailboxes.teamId, user.teamId));
  const people = await db.select({ email: users.email }).from(users).where(eq(users.teamId, user.teamId));
  const learned = await db
    .select({ aliases: mailboxSync.aliases })
    .from(mailboxSync)
    .where(and(eq(mailboxSync.teamId, user.teamId), isNotNull(mailboxSync.aliases)));
  return inboxKeys([
    user.email,
    ...boxes.flatMap((r) => [r.address, ...(r.aliases ?? [])]),
    ...people.map((r) => r.email),
    ...learned.flatMap((r) => r.aliases ?? []),
  ]);
}

export type OurEmail = Omit<SentEmail, 'sentAt'> & { sentAt: Date | null; threadId?: string | null };
const ourEmailColumns = {
  id: emails.id,
  enrollmentId: emails.enrollmentId,
  contactId: emails.contactId,
  messageId: emails.messageId,
  sentAt: emails.sentAt,
};

/** Our emails that messages of the thread quote by Message-ID (indexed), whoever they went to. */
export async function emailsByMessageId(db: Db, teamId: string, ids: string[]): Promise<OurEmail[]> {
  const out: OurEmail[] = [];
  for (const part of chunks(ids)) {
    out.push(
      ...(await db
        .select(ourEmailColumns)
        .from(emails)
        .where(and(eq(emails.teamId, teamId), inArray(emails.messageId, part)))),
    );
  }
  return out;
}

/**
 * Our emails to these contacts that carry one of the thread ids. Looked up by contact because thread
 * ids are not indexed on their own, and only a candidate contact's emails can matter.
 */
export async function emailsInThreads(db: Db, teamId: string, threadIds: string[], contactIds: string[]) {
  const out: OurEmail[] = [];
  if (threadIds.length === 0) return out;
  for (const part of chunks(contactIds)) {
    for (const threads of chunks(threadIds)) {
      out.push(
        ...(await db
          .select({ ...ourEmailColumns, threadId: emails.threadId })
          .from(emails)
          .where(
            and(
              eq(emails.teamId, teamId),
              inArray(emails.contactId, part),
              threads.length === 1
                ? eq(emails.threadId, threads[0] as string)
                : inArray(emails.threadId, threads),
            ),
          )),
      );
    }
  }
  return out;
}

export async function loadContacts(db: Db, user: Actor, addresses: string[], ids: string[]) {
  const out: MatchedContact[] = [];
  const wanted: SQL[] = [];
  for (const part of chunks(addresses)) wanted.push(inArray(contacts.emailLower, part));
  for (const part of chunks(ids)) wanted.push(inArray(contacts.id, part));
  if (wanted.length === 0) return out;
  out.push(
    ...(await db
      .select({
        id: contacts.id,
        emailLower: contacts.emailLower,
        timezone: contacts.timezone,
        accountId: contacts.accountId,
      })
      .from(contacts)
      .where(and(visibleContacts(user), or(...wanted)))),
  );
  return out;
}

/**
 * Every live enrollment of these contacts that has sent them something. Visibility is the contact's,
 * not the sequence's: a contact who answered one rep must not get a colleague's follow-up either.
 */
export async function loadLiveEnrollments(
  db: Db,
  teamId: string,
  contactIds: string[],
): Promise<LiveEnrollment[]> {
  const out: LiveEnrollment[] = [];
  for (const part of chunks(contactIds)) {
    const rows = await db
      .select({
        id: enrollments.id,
        contactId: enrollments.contactId,
        sequenceId: enrollments.sequenceId,
        ruleset: sequences.ruleset,
        firstSentAt: min(emails.sentAt),
        enrolledAt: enrollments.createdAt,
      })
      .from(enrollments)
      .innerJoin(sequences, eq(sequences.id, enrollments.sequenceId))
      .leftJoin(emails, and(eq(emails.enrollmentId, enrollments.id), isNotNull(emails.sentAt)))
      .where(
        and(
          eq(enrollments.teamId, teamId),
          inArray(enrollments.contactId, part),
          inArray(enrollments.status, [...LIVE_STATUSES]),
        ),
      )
      .groupBy(enrollments.id, sequences.id);
    for (const r of rows) {
      out.push({
        id: r.id,
        contactId: r.contactId,
        sequenceId: r.sequenceId,
        finishOnReply: effectiveRuleset(rulesetOf(r)).finishOnReply,
        // Nothing sent yet: a message from the contact after they were enrolled is still an answer
        // (they heard from the rep some other way), and must stop the first step going out.
        firstSentAt: r.firstSentAt ?? r.enrolledAt,
      });
    }
  }
  return out;
}
