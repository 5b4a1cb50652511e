import { index, integer, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';

/**
 * Rollups behind GET /sequences/:id/report, so it answers from a handful of rows however many emails
 * a sequence has. Statement-level triggers on emails, enrollments and activities keep them (migration
 * issue-f holds the functions): every writer is covered without remembering to, and a batch of 200
 * sends costs one small aggregate, not 200.
 *
 * Counters are deltas summed at read time. Each backend adds to its own row (`stripe` is
 * pg_backend_pid()), so two transactions never wait on each other's counters and cannot deadlock on
 * them; only one transaction runs on a backend at a time.
 */

/** Per sequence; `finishedAs` is '' for enrollments not finished, else the finish reason. */
export const reportSequenceCounts = pgTable(
  'report_sequence_counts',
  {
    sequenceId: text('sequence_id').notNull(),
    finishedAs: text('finished_as').notNull(),
    stripe: integer('stripe').notNull(),
    enrolled: integer('enrolled').notNull().default(0),
    /** The four below count enrollments and are written by report_fold (see reportTallies). */
    emailed: integer('emailed').notNull().default(0),
    replied: integer('replied').notNull().default(0),
    bounced: integer('bounced').notNull().default(0),
    notSent: integer('not_sent').notNull().default(0),
    emailsSent: integer('emails_sent').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.sequenceId, t.finishedAs, t.stripe] })],
);

/** Sent emails per email step and A/B variant ('' for the step's own text). */
export const reportVariantCounts = pgTable(
  'report_variant_counts',
  {
    stepId: text('step_id').notNull(),
    variantId: text('variant_id').notNull(),
    stripe: integer('stripe').notNull(),
    sent: integer('sent').notNull().default(0),
    replied: integer('replied').notNull().default(0),
    clicked: integer('clicked').notNull().default(0),
    clicks: integer('clicks').notNull().default(0),
    bounced: integer('bounced').notNull().default(0),
    unsubscribed: integer('unsubscribed').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.stepId, t.variantId, t.stripe] })],
);

/** Sends per sequence in 15-minute buckets: every zone's day starts on a quarter hour. */
export const reportSendCounts = pgTable(
  'report_send_counts',
  {
    sequenceId: text('sequence_id').notNull(),
    bucket: timestamp('bucket', { withTimezone: true, mode: 'date' }).notNull(),
    stripe: integer('stripe').notNull(),
    sent: integer('sent').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.sequenceId, t.bucket, t.stripe] })],
);

/**
 * The funnel counts enrollments with at least one sent email (or bounce, or reply…), which a sum of
 * deltas cannot tell. Triggers append per-enrollment deltas here without locking anything; the fold
 * (report_fold, run before each report read and serialized by an advisory lock) adds them to
 * reportTallies and moves the sequence's counts only when an enrollment's flag flips.
 */
export const reportEnrollmentDeltas = pgTable(
  'report_enrollment_deltas',
  {
    sequenceId: text('sequence_id').notNull(),
    enrollmentId: text('enrollment_id').notNull(),
    sent: integer('sent').notNull().default(0),
    notSent: integer('not_sent').notNull().default(0),
    /** Status bounced plus bounced emails. */
    bounceMarks: integer('bounce_marks').notNull().default(0),
    /** Finished as replied plus email.replied activities. */
    replyMarks: integer('reply_marks').notNull().default(0),
  },
  (t) => [index('report_enrollment_deltas_sequence').on(t.sequenceId)],
);

/** Folded per-enrollment counters; written only by report_fold. */
export const reportTallies = pgTable('report_tallies', {
  enrollmentId: text('enrollment_id').primaryKey(),
  sequenceId: text('sequence_id').notNull(),
  sent: integer('sent').notNull().default(0),
  notSent: integer('not_sent').notNull().default(0),
  bounceMarks: integer('bounce_marks').notNull().default(0),
  replyMarks: integer('reply_marks').notNull().default(0),
});
