import { and, asc, eq, exists, gt, isNull, or, type SQL, sql } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';
import type { ChangeItem, ChangesPage } from '../../../shared/schemas/changes';
import { visibleContacts, visibleSequences } from '../../auth/access';
import type { Db, Tx } from '../../db/client';
import { runPrepared } from '../../db/prepared';
import { accounts, contacts, emails, enrollments, sequences, tasks } from '../../db/schema';
import type { Actor } from '../actor';
import { toAccountDto, toContactDto } from '../contacts/contact-dto';
import { maskMailboxIds } from '../mailboxes/mailbox-access';
import { toEmailSummary, toEnrollmentSummary, toSequenceSummary, toTaskSummary } from './feed-dtos';
import { inFlightFilter } from './in-flight';

interface Candidate {
  seq: number;
  xid: number;
  item: ChangeItem;
}

/** A rep follows enrollments they send as, or in sequences they may see. */
function enrollmentVisible(user: Actor): SQL | undefined {
  if (user.role === 'admin') return undefined;
  const sequenceVisible = exists(
    sql`(select 1 from ${sequences} where ${sequences.id} = ${enrollments.sequenceId} and ${visibleSequences(user)})`,
  );
  return or(eq(enrollments.userId, user.id), sequenceVisible);
}

/** Emails follow their enrollment; one-off emails (no enrollment) follow their contact. */
function emailVisible(user: Actor): SQL | undefined {
  if (user.role === 'admin') return undefined;
  const viaEnrollment = exists(
    sql`(select 1 from ${enrollments} where ${enrollments.id} = ${emails.enrollmentId} and ${enrollmentVisible(user)})`,
  );
  const viaContact = exists(
    sql`(select 1 from ${contacts} where ${contacts.id} = ${emails.contactId} and ${visibleContacts(user)})`,
  );
  return or(viaEnrollment, and(isNull(emails.enrollmentId), viaContact));
}

const xidOf = (table: PgTable) => sql<string>`${table}.xmin::text`;
const candidate = (seq: number, xid: string, item: ChangeItem): Candidate => ({
  seq,
  xid: Number(xid),
  item,
});

/**
 * Each table's next rows past the cursor, in change order (served by the (team_id, change_seq) indexes).
 * The six statements are prepared and sent together: postgres.js pipelines them on the transaction's
 * connection, so the feed waits for one round trip instead of twelve (unprepared, each is two).
 */
async function fetchCandidates(tx: Tx, user: Actor, cursor: number, take: number): Promise<Candidate[]> {
  const team = user.teamId;
  // Tasks are personal: a rep follows their own, whoever owns the contact.
  const taskOwner = user.role === 'admin' ? undefined : eq(tasks.ownerId, user.id);
  const [contactRows, accountRows, sequenceRows, enrollmentRows, emailRows, taskRows] = await Promise.all([
    runPrepared(
      tx
        .select({ row: contacts, xid: xidOf(contacts) })
        .from(contacts)
        .where(and(visibleContacts(user), gt(contacts.changeSeq, cursor)))
        .orderBy(asc(contacts.changeSeq))
        .limit(take),
      'feed_contacts',
    ),
    runPrepared(
      tx
        .select({ row: accounts, xid: xidOf(accounts) })
        .from(accounts)
        .where(and(eq(accounts.teamId, team), gt(accounts.changeSeq, cursor)))
        .orderBy(asc(accounts.changeSeq))
        .limit(take),
      'feed_accounts',
    ),
    runPrepared(
      tx
        .select({ row: sequences, xid: xidOf(sequences) })
        .from(sequences)
        .where(and(visibleSequences(user), gt(sequences.changeSeq, cursor)))
        .orderBy(asc(sequences.changeSeq))
        .limit(take),
      'feed_sequences',
    ),
    runPrepared(
      tx
        .select({ row: enrollments, xid: xidOf(enrollments) })
        .from(enrollments)
        .where(and(eq(enrollments.teamId, team), gt(enrollments.changeSeq, cursor), enrollmentVisible(user)))
        .orderBy(asc(enrollments.changeSeq))
        .limit(take),
      'feed_enrollments',
    ),
    runPrepared(
      tx
        .select({ row: emails, xid: xidOf(emails) })
        .from(emails)
        .where(and(eq(emails.teamId, team), gt(emails.changeSeq, cursor), emailVisible(user)))
        .orderBy(asc(emails.changeSeq))
        .limit(take),
      'feed_emails',
    ),
    runPrepared(
      tx
        .select({ row: tasks, xid: xidOf(tasks) })
        .from(tasks)
        .where(and(eq(tasks.teamId, team), gt(tasks.changeSeq, cursor), taskOwner))
        .orderBy(asc(tasks.changeSeq))
        .limit(take),
      'feed_tasks',
    ),
  ]);
  const out: Candidate[] = [];
  for (const { row, xid } of contactRows) {
    out.push(candidate(row.changeSeq, xid, { type: 'contact', id: row.id, data: toContactDto(row) }));
  }
  for (const { row, xid } of accountRows) {
    out.push(candidate(row.changeSeq, xid, { type: 'account', id: row.id, data: toAccountDto(row) }));
  }
  for (const { row, xid } of sequenceRows) {
    out.push(candidate(row.changeSeq, xid, { type: 'sequence', id: row.id, data: toSequenceSummary(row) }));
  }
  for (const { row, xid } of enrollmentRows) {
    out.push(
      candidate(row.changeSeq, xid, { type: 'enrollment', id: row.id, data: toEnrollmentSummary(row) }),
    );
  }
  for (const { row, xid } of emailRows) {
    out.push(candidate(row.changeSeq, xid, { type: 'email', id: row.id, data: toEmailSummary(row) }));
  }
  for (const { row, xid } of taskRows) {
    out.push(candidate(row.changeSeq, xid, { type: 'task', id: row.id, data: toTaskSummary(row) }));
  }
  return out;
}

/** Emails and enrollments of a shared sequence name their sender's mailbox: only usable ids are shown. */
async function maskFeedMailboxes(tx: Tx, user: Actor, items: ChangeItem[]): Promise<ChangeItem[]> {
  const withMailboxes = items.flatMap((i) => (i.type === 'email' || i.type === 'enrollment' ? [i.data] : []));
  const masked = await maskMailboxIds(tx, user, withMailboxes);
  const byObject = new Map(withMailboxes.map((d, n) => [d, masked[n]]));
  return items.map((i) =>
    i.type === 'email' || i.type === 'enrollment'
      ? ({ ...i, data: byObject.get(i.data) ?? i.data } as ChangeItem)
      : i,
  );
}

/**
 * Everything the caller may see that changed after `cursor`, oldest change first. Removals and
 * finishes are status updates, so they arrive like any other change.
 */
export async function readChanges(db: Db, user: Actor, cursor: number, limit: number): Promise<ChangesPage> {
  return db.transaction(
    async (tx) => {
      // Sent in this order on the one connection, the hold-back query runs first and takes the
      // transaction's snapshot; the candidates' statements follow in the same round trip.
      const heldBack = inFlightFilter(tx);
      const candidates = fetchCandidates(tx, user, cursor, limit + 1);
      const [held, found] = await Promise.all([heldBack, candidates]);
      const merged = found.sort((a, b) => a.seq - b.seq);
      const items: ChangeItem[] = [];
      let last = cursor;
      let stoppedByLimit = false;
      for (const c of merged) {
        if (held(c.xid)) break;
        if (items.length === limit) {
          stoppedByLimit = true;
          break;
        }
        items.push(c.item);
        last = c.seq;
      }
      return {
        items: await maskFeedMailboxes(tx, user, items),
        nextCursor: String(last),
        hasMore: stoppedByLimit,
      };
    },
    { isolationLevel: 'repeatable read', accessMode: 'read only' },
  );
}
