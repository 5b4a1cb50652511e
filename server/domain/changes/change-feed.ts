import { and, asc, eq, exists, gt, isNull, or, type SQL, sql } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';
import type { ChangeItem, ChangesPage } from '../../../shared/schemas/changes';
import { visibleContacts, visibleSequences } from '../../auth/access';
import type { Db } from '../../db/client';
import { fromJsonRow } from '../../db/json-row';
import { executePrepared } from '../../db/prepared';
import { accounts, contacts, emails, enrollments, sequences, tasks } from '../../db/schema';
import type { Actor } from '../actor';
import { toAccountDto, toContactDto } from '../contacts/contact-dto';
import { maskMailboxIds } from '../mailboxes/mailbox-access';
import { toEmailSummary, toEnrollmentSummary, toSequenceSummary, toTaskSummary } from './feed-dtos';

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

/** Each kind of resource in the feed: its table, the rows the caller may see, and its DTO. */
function feedSources(user: Actor) {
  // Tasks are personal: a rep follows their own, whoever owns the contact.
  const taskOwner = user.role === 'admin' ? undefined : eq(tasks.ownerId, user.id);
  const team = user.teamId;
  return [
    source('contact', contacts, visibleContacts(user), toContactDto),
    source('account', accounts, eq(accounts.teamId, team), toAccountDto),
    source('sequence', sequences, visibleSequences(user), toSequenceSummary),
    source(
      'enrollment',
      enrollments,
      and(eq(enrollments.teamId, team), enrollmentVisible(user)),
      toEnrollmentSummary,
    ),
    source('email', emails, and(eq(emails.teamId, team), emailVisible(user)), toEmailSummary),
    source('task', tasks, and(eq(tasks.teamId, team), taskOwner), toTaskSummary),
  ];
}

type FeedTable =
  | typeof contacts
  | typeof accounts
  | typeof sequences
  | typeof enrollments
  | typeof emails
  | typeof tasks;

function source<T extends FeedTable, K extends ChangeItem['type']>(
  type: K,
  table: T,
  visible: SQL | undefined,
  toDto: (row: T['$inferSelect']) => Extract<ChangeItem, { type: K }>['data'],
) {
  return {
    type,
    /** The table's next `take` rows past the cursor, in change order (its (team_id, change_seq) index). */
    select: (db: Db, cursor: number, take: number) =>
      db
        .select({
          kind: sql<string>`${type}::text`.as('kind'),
          seq: sql<string>`${table.changeSeq}`.as('seq'),
          xid: sql<string>`${table}.xmin::text::bigint`.as('xid'),
          row: sql<Record<string, unknown>>`to_json(${table})`.as('row'),
        })
        .from(table as PgTable)
        .where(and(visible, gt(table.changeSeq, cursor)))
        .orderBy(asc(table.changeSeq))
        .limit(take),
    item: (json: Record<string, unknown>) => {
      const row = fromJsonRow(table, json);
      return { type, id: row.id, data: toDto(row) } as ChangeItem;
    },
  };
}

/*
 * Which rows the feed must hold back for now. `change_seq` is taken when a row is written, not when
 * its transaction commits. While a transaction holding seq 40 is still open, another may commit seq
 * 41; a client that read 41 and moved its cursor past 40 would never see 40. So rows written by
 * transactions that started (got their xid) after the oldest transaction still open in this database
 * are withheld, together with everything after them, until it ends. Transactions of other databases
 * on the same server are ignored: they cannot write here. Ages count back from the snapshot's xmax
 * modulo 2^32, which is how 32-bit row xids wrap around.
 *
 * It is part of the feed's one statement, so it reads the very snapshot the rows were read with: no
 * transaction (BEGIN, SET TRANSACTION, COMMIT were three of the feed's five round trips) is needed.
 * pg_stat_activity is only read when the snapshot has a transaction in progress.
 */
const HOLD_BACK = sql`hold as (
  select xmax, (
    select max((xmax - x + 4294967296) % 4294967296)
    from (select xip::text::bigint % 4294967296 as x from pg_snapshot_xip(s) as xip) as open
    where x not in (select backend_xid::text::bigint from pg_stat_activity
      where backend_xid is not null and datname is distinct from current_database())
  ) as oldest
  from (select s, pg_snapshot_xmax(s)::text::bigint % 4294967296 as xmax
    from (select pg_current_snapshot() as s) as snap) as snap
)`;

interface FeedRow {
  kind: ChangeItem['type'];
  seq: string | number;
  held: boolean;
  row: Record<string, unknown>;
}

/**
 * Every table's next `take` rows past the cursor, merged in change order, each marked when it must be
 * held back: one prepared statement, so one round trip and one snapshot.
 */
async function fetchCandidates(db: Db, user: Actor, cursor: number, take: number) {
  const sources = feedSources(user);
  const union = sql.join(
    sources.map((s) => sql`(${s.select(db, cursor, take)})`),
    sql` union all `,
  );
  const rows = await executePrepared<FeedRow>(
    db,
    sql`with ${HOLD_BACK}
    select f.kind, f.seq, f.row,
      (hold.oldest is not null and (hold.xmax - f.xid + 4294967296) % 4294967296 <= hold.oldest) as held
    from (${union}) as f cross join hold
    order by f.seq`,
    `feed_${user.role === 'admin' ? 'admin' : 'member'}`,
  );
  const byType = new Map(sources.map((s) => [s.type, s]));
  return rows.map((r) => ({ seq: Number(r.seq), held: r.held, json: r.row, source: byType.get(r.kind) }));
}

/** Emails and enrollments of a shared sequence name their sender's mailbox: only usable ids are shown. */
async function maskFeedMailboxes(db: Db, user: Actor, items: ChangeItem[]): Promise<ChangeItem[]> {
  const withMailboxes = items.flatMap((i) => (i.type === 'email' || i.type === 'enrollment' ? [i.data] : []));
  const masked = await maskMailboxIds(db, user, withMailboxes);
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
  const candidates = await fetchCandidates(db, user, cursor, limit + 1);
  const items: ChangeItem[] = [];
  let last = cursor;
  let stoppedByLimit = false;
  for (const c of candidates) {
    if (c.held || !c.source) break;
    if (items.length === limit) {
      stoppedByLimit = true;
      break;
    }
    // Only the rows that go out are turned into DTOs.
    items.push(c.source.item(c.json));
    last = c.seq;
  }
  return {
    items: await maskFeedMailboxes(db, user, items),
    nextCursor: String(last),
    hasMore: stoppedByLimit,
  };
}
