// The report as it was computed before the rollups: straight from emails, enrollments and activities.
// Kept as the oracle the rollup test compares against.
import { and, count, eq, exists, gte, inArray, isNotNull, lt, or, sql } from 'drizzle-orm';
import { Temporal } from 'temporal-polyfill';
import { loadSequenceFor } from '../../../server/auth/access';
import type { Db } from '../../../server/db/client';
import { activities, emails, enrollments } from '../../../server/db/schema';
import type { Actor } from '../../../server/domain/actor';
import type { SequenceReport } from '../../../shared/schemas/sequence-report';

export interface ReportOptions {
  timezone: string;
  days: number;
  now: Date;
}

/** Counts per contact of the sequence; one pass over its enrollments and their emails. */
async function funnelOf(db: Db, sequenceId: string) {
  const [row] = await db
    .select({
      enrolled: sql<number>`count(distinct ${enrollments.id})::int`,
      emailed: sql<number>`(count(distinct ${enrollments.id}) filter (where ${emails.sentAt} is not null))::int`,
      bounced: sql<number>`(count(distinct ${enrollments.id}) filter (where ${enrollments.status} = 'bounced' or ${emails.status} = 'bounced'))::int`,
      notSent: sql<number>`(count(distinct ${enrollments.id}) filter (where ${emails.status} = 'not_sent'))::int`,
      emailsSent: sql<number>`(count(${emails.id}) filter (where ${emails.sentAt} is not null))::int`,
    })
    .from(enrollments)
    .leftJoin(emails, eq(emails.enrollmentId, enrollments.id))
    .where(eq(enrollments.sequenceId, sequenceId));
  return row ?? { enrolled: 0, emailed: 0, bounced: 0, notSent: 0, emailsSent: 0 };
}

/**
 * A reply finishes the enrollment only when the ruleset says so; with finishOnReply off it is
 * still on record as an `email.replied` activity, and the funnel counts it either way.
 */
async function repliedOf(db: Db, sequenceId: string): Promise<number> {
  const replyOnRecord = db
    .select({ one: sql`1` })
    .from(activities)
    .where(and(eq(activities.enrollmentId, enrollments.id), eq(activities.kind, 'email.replied')));
  const [row] = await db
    .select({ n: count() })
    .from(enrollments)
    .where(
      and(
        eq(enrollments.sequenceId, sequenceId),
        or(eq(enrollments.finishedReason, 'replied'), exists(replyOnRecord)),
      ),
    );
  return Number(row?.n ?? 0);
}

async function finishedByOf(db: Db, sequenceId: string) {
  const rows = await db
    .select({ reason: enrollments.finishedReason, count: sql<number>`count(*)::int` })
    .from(enrollments)
    .where(and(eq(enrollments.sequenceId, sequenceId), eq(enrollments.status, 'finished')))
    .groupBy(enrollments.finishedReason);
  return rows
    .map((r) => ({ reason: r.reason ?? 'other', count: Number(r.count) }))
    .sort((a, b) => b.count - a.count || a.reason.localeCompare(b.reason));
}

/**
 * Calendar days are the zone's, bounded by Temporal (a day may start at 01:00 or last 23 hours
 * around a DST change); the database only buckets sends that fall inside those bounds.
 */
async function sendsPerDayOf(db: Db, sequenceId: string, o: ReportOptions) {
  const today = Temporal.Instant.fromEpochMilliseconds(o.now.getTime())
    .toZonedDateTimeISO(o.timezone)
    .toPlainDate();
  const first = today.subtract({ days: o.days - 1 });
  const startOf = (d: Temporal.PlainDate) =>
    new Date(d.toZonedDateTime({ timeZone: o.timezone }).epochMilliseconds);
  const day = sql<string>`to_char(timezone(${o.timezone}, ${emails.sentAt}), 'YYYY-MM-DD')`;
  const rows = await db
    .select({ day, count: sql<number>`count(*)::int` })
    .from(emails)
    .innerJoin(enrollments, eq(enrollments.id, emails.enrollmentId))
    .where(
      and(
        eq(enrollments.sequenceId, sequenceId),
        isNotNull(emails.sentAt),
        gte(emails.sentAt, startOf(first)),
        lt(emails.sentAt, startOf(today.add({ days: 1 }))),
      ),
    )
    // By position: the expression carries a bound parameter, so repeating it would not match.
    .groupBy(sql`1`);
  const counts = new Map(rows.map((r) => [r.day, Number(r.count)]));
  return Array.from({ length: o.days }, (_, i) => {
    const d = first.add({ days: i }).toString();
    return { day: d, count: counts.get(d) ?? 0 };
  });
}

/** The report for a sequence the user may view (404 otherwise, as GET /sequences/:id). */
export async function sequenceReportFromScratch(
  db: Db,
  user: Actor,
  sequenceId: string,
  o: ReportOptions,
): Promise<SequenceReport> {
  await loadSequenceFor(db, user, sequenceId, 'view');
  const [funnel, replied, finishedBy, sendsPerDay] = await Promise.all([
    funnelOf(db, sequenceId),
    repliedOf(db, sequenceId),
    finishedByOf(db, sequenceId),
    sendsPerDayOf(db, sequenceId, o),
  ]);
  return {
    sequenceId,
    timezone: o.timezone,
    funnel: {
      enrolled: Number(funnel.enrolled),
      emailed: Number(funnel.emailed),
      replied,
      bounced: Number(funnel.bounced),
      notSent: Number(funnel.notSent),
    },
    emailsSent: Number(funnel.emailsSent),
    finishedBy,
    sendsPerDay,
  };
}

const emailHas = (kind: string) =>
  sql`exists (select 1 from activities a where a.contact_id = ${emails.contactId} and a.email_id = ${emails.id} and a.kind = ${kind})`;

/** Sent emails per step and variant, counted straight from emails and activities. */
export async function variantCountsFromScratch(db: Db, stepIds: string[]) {
  const rows = await db
    .select({
      stepId: emails.stepId,
      variantId: emails.variantId,
      sent: sql<number>`count(*)::int`,
      replied: sql<number>`(count(*) filter (where ${emailHas('email.replied')}))::int`,
      clicked: sql<number>`(count(*) filter (where ${emails.clicks} > 0))::int`,
      clicks: sql<number>`coalesce(sum(${emails.clicks}), 0)::int`,
      bounced: sql<number>`(count(*) filter (where ${emails.status} = 'bounced'))::int`,
      unsubscribed: sql<number>`(count(*) filter (where ${emailHas('contact.unsubscribed')}))::int`,
    })
    .from(emails)
    .where(and(inArray(emails.stepId, stepIds), isNotNull(emails.sentAt)))
    .groupBy(emails.stepId, emails.variantId);
  return rows.map((r) => ({ ...r, stepId: r.stepId as string }));
}
