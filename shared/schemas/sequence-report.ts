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

/** What one version of an email step did: the step's own text (variantId null) or an A/B variant. */
export const variantStatsSchema = z.object({
  variantId: z.string().nullable(),
  /** "Variant A", "Variant B"… in the step's order; "Step text" for emails sent without a variant. */
  label: z.string(),
  /** Whether the variant still takes new enrollments; absent for the step text and removed variants. */
  active: z.boolean().optional(),
  /** The variant is no longer on the step (its emails still count). */
  removed: z.boolean().optional(),
  sent: z.number(),
  /** Emails answered by a reply. */
  replied: z.number(),
  /** Emails with at least one human click (bot clicks never count). */
  clicked: z.number(),
  /** Human clicks in all. */
  clicks: z.number(),
  bounced: z.number(),
  /** Emails whose unsubscribe link was used. */
  unsubscribed: z.number(),
  /** replied / sent, 0 when nothing was sent. */
  replyRate: z.number(),
});
export type VariantStats = z.infer<typeof variantStatsSchema>;

/** A significant difference in reply rate, in words; absent while the difference may be chance. */
export const variantVerdictSchema = z.object({
  winnerId: z.string().nullable(),
  test: z.enum(['two_proportion_z_test', 'fisher_exact_test']),
  pValue: z.number(),
  text: z.string(),
});
export type VariantVerdict = z.infer<typeof variantVerdictSchema>;

export const stepReportSchema = z.object({
  stepId: z.string(),
  position: z.number(),
  variants: z.array(variantStatsSchema),
  verdict: variantVerdictSchema.optional(),
});
export type StepReport = z.infer<typeof stepReportSchema>;

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
  /** Per email step and per A/B variant (API.md "Engagement"), sent emails only. */
  steps: z.array(stepReportSchema).optional(),
});
export type SequenceReport = z.infer<typeof sequenceReportSchema>;
