import { and, eq, gte, lt, sql } from 'drizzle-orm';
import { Temporal } from 'temporal-polyfill';
import type { SequenceReport } from '../../../shared/schemas/sequence-report';
import { loadSequenceFor } from '../../auth/access';
import type { Db } from '../../db/client';
import { reportSendCounts, reportSequenceCounts } from '../../db/schema';
import type { Actor } from '../actor';

export interface ReportOptions {
  timezone: string;
  days: number;
  now: Date;
}

/**
 * Brings the sequence's funnel up to date: per-enrollment deltas the triggers appended since the last
 * fold are added up (server/db/schema-reports.ts). Costs little when the report is read often.
 */
export async function foldReport(db: Db, sequenceId: string): Promise<void> {
  await db.execute(sql`select report_fold(${sequenceId})`);
}

/** Funnel and finish reasons from the rollup: a few rows per sequence, however many emails it sent. */
async function countsOf(db: Db, sequenceId: string) {
  const rows = await db
    .select({
      finishedAs: reportSequenceCounts.finishedAs,
      enrolled: sql<number>`sum(${reportSequenceCounts.enrolled})::int`,
      emailed: sql<number>`sum(${reportSequenceCounts.emailed})::int`,
      replied: sql<number>`sum(${reportSequenceCounts.replied})::int`,
      bounced: sql<number>`sum(${reportSequenceCounts.bounced})::int`,
      notSent: sql<number>`sum(${reportSequenceCounts.notSent})::int`,
      emailsSent: sql<number>`sum(${reportSequenceCounts.emailsSent})::int`,
    })
    .from(reportSequenceCounts)
    .where(eq(reportSequenceCounts.sequenceId, sequenceId))
    .groupBy(reportSequenceCounts.finishedAs);
  const total = (k: 'enrolled' | 'emailed' | 'replied' | 'bounced' | 'notSent' | 'emailsSent') =>
    rows.reduce((n, r) => n + Number(r[k]), 0);
  return {
    funnel: {
      enrolled: total('enrolled'),
      emailed: total('emailed'),
      replied: total('replied'),
      bounced: total('bounced'),
      notSent: total('notSent'),
    },
    emailsSent: total('emailsSent'),
    finishedBy: rows
      .filter((r) => r.finishedAs !== '' && Number(r.enrolled) > 0)
      .map((r) => ({ reason: r.finishedAs, count: Number(r.enrolled) }))
      .sort((a, b) => b.count - a.count || a.reason.localeCompare(b.reason)),
  };
}

/**
 * Calendar days are the zone's, bounded by Temporal (a day may start at 01:00 or last 23 hours
 * around a DST change). Sends are kept per quarter hour, and every zone's midnight falls on one, so
 * a bucket lies wholly inside one day of any zone.
 */
async function sendsPerDayOf(db: Db, sequenceId: string, o: ReportOptions) {
  const today = Temporal.Instant.fromEpochMilliseconds(o.now.getTime())
    .toZonedDateTimeISO(o.timezone)
    .toPlainDate();
  const first = today.subtract({ days: o.days - 1 });
  const startOf = (d: Temporal.PlainDate) =>
    new Date(d.toZonedDateTime({ timeZone: o.timezone }).epochMilliseconds);
  const day = sql<string>`to_char(timezone(${o.timezone}, ${reportSendCounts.bucket}), 'YYYY-MM-DD')`;
  const rows = await db
    .select({ day, count: sql<number>`sum(${reportSendCounts.sent})::int` })
    .from(reportSendCounts)
    .where(
      and(
        eq(reportSendCounts.sequenceId, sequenceId),
        gte(reportSendCounts.bucket, startOf(first)),
        lt(reportSendCounts.bucket, startOf(today.add({ days: 1 }))),
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
export async function sequenceReport(
  db: Db,
  user: Actor,
  sequenceId: string,
  o: ReportOptions,
): Promise<SequenceReport> {
  await loadSequenceFor(db, user, sequenceId, 'view');
  await foldReport(db, sequenceId);
  const [counts, sendsPerDay] = await Promise.all([
    countsOf(db, sequenceId),
    sendsPerDayOf(db, sequenceId, o),
  ]);
  return { sequenceId, timezone: o.timezone, ...counts, sendsPerDay };
}
