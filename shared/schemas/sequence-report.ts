import { z } from 'zod';
import { ianaTimeZoneSchema } from './time-zone';

export const sequenceReportQuerySchema = z.object({
  /** Users carry no time zone of their own, so the caller names the one its calendar days are in. */
  tz: ianaTimeZoneSchema.optional(),
  days: z.coerce.number().int().min(1).max(366).default(14),
});
export type SequenceReportQuery = z.input<typeof sequenceReportQuerySchema>;

/**
 * The funnel counts contacts (enrollments), not emails: everyone enrolled (removed ones too: they
 * were enrolled), those at least one email reached, those who replied (finished as replied, or a
 * reply was seen while the ruleset kept them going), those with a bounce, and those holding a
 * not-sent email now.
 */
export const sequenceFunnelSchema = z.object({
  enrolled: z.number(),
  emailed: z.number(),
  replied: z.number(),
  bounced: z.number(),
  notSent: z.number(),
});
export type SequenceFunnel = z.infer<typeof sequenceFunnelSchema>;

export const sequenceReportSchema = z.object({
  sequenceId: z.string(),
  /** The zone `sendsPerDay` counts calendar days in. */
  timezone: z.string(),
  funnel: sequenceFunnelSchema,
  /** Every email of the sequence that went out, over its whole life. */
  emailsSent: z.number(),
  /** Finished enrollments by reason, most frequent first. */
  finishedBy: z.array(z.object({ reason: z.string(), count: z.number() })),
  /** The last `days` calendar days up to today in `timezone`, oldest first, empty days as 0. */
  sendsPerDay: z.array(z.object({ day: z.string(), count: z.number() })),
});
export type SequenceReport = z.infer<typeof sequenceReportSchema>;
