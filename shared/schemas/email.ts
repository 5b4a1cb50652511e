import { z } from 'zod';
import { emailStatuses, taskStatuses, taskTypes } from '../enums';
import { waitingForCodes } from '../send-guard/waiting-catalog';
import { idSchema, isoInstantSchema, isoOutSchema } from './common';
import { notSentCodeSchema } from './not-sent-code';

export const emailStatusSchema = z.enum(emailStatuses);
export type EmailStatus = z.infer<typeof emailStatusSchema>;

/** Why a scheduled email waits beyond its window (API.md "Pacing and calendars"). */
export const waitReasonSchema = z.enum([
  'hourly_limit',
  'daily_limit',
  'ramp_up',
  'min_gap',
  'recipient_domain_limit',
  'holiday',
  'blackout_date',
]);
export type WaitReason = z.infer<typeof waitReasonSchema>;

export const emailSchema = z.object({
  id: z.string(),
  enrollmentId: z.string().nullable(),
  contactId: z.string(),
  stepId: z.string().nullable(),
  mailboxId: z.string().nullable(),
  status: emailStatusSchema,
  reason: notSentCodeSchema.optional(),
  detail: z.string().optional(),
  /** Why a scheduled email has not gone out yet (`shared/send-guard/waiting-catalog.ts` says it in words). */
  waitingFor: z.enum(waitingForCodes).optional(),
  /** Which limit or calendar rule holds a waiting email; `waitDetail` says it with the numbers. */
  waitReason: waitReasonSchema.optional(),
  waitDetail: z.string().optional(),
  scheduledAt: isoOutSchema.optional(),
  subject: z.string().optional(),
  messageId: z.string().optional(),
  threadId: z.string().optional(),
  sentAt: isoOutSchema.optional(),
  /** The A/B variant of the step this email rendered. */
  variantId: z.string().optional(),
  /** Counted human clicks (API.md "Engagement"); clicks by scanners and prefetchers are botClicks. */
  clicks: z.number().optional(),
  botClicks: z.number().optional(),
  firstClickedAt: isoOutSchema.optional(),
  /** Loads of the open pixel, machine opens included; only for steps with trackOpens. */
  opens: z.number().optional(),
  /** Of `opens`, those by image proxies (Apple Mail Privacy Protection, Gmail, Yahoo) or scanners. */
  machineOpens: z.number().optional(),
});
export type Email = z.infer<typeof emailSchema>;

export const retryBodySchema = z
  .object({ ids: z.array(idSchema).min(1).max(1000), force: z.boolean().optional() })
  .strict();

export const retryResultSchema = z.object({
  retried: z.array(z.string()),
  skipped: z.array(
    z.object({ id: z.string(), code: z.enum(['not_found', 'already_sent_step', 'not_retryable']) }),
  ),
});
export type RetryResult = z.infer<typeof retryResultSchema>;

export const preflightBodySchema = z
  .object({
    contactId: idSchema.optional(),
    email: z.email().max(320).optional(),
    mailboxId: idSchema.optional(),
    sequenceId: idSchema.optional(),
    stepId: idSchema.optional(),
    subject: z.string().max(1000).optional(),
    body: z.string().max(100_000).optional(),
  })
  .strict()
  .refine((b) => b.contactId || b.email, { message: 'give contactId or email', path: ['contactId'] });

export const preflightReasonSchema = z.object({
  code: notSentCodeSchema,
  message: z.string(),
  resolution: z.string(),
  detail: z.string().optional(),
});
export const preflightResultSchema = z.object({
  ok: z.boolean(),
  reasons: z.array(preflightReasonSchema),
  /**
   * A sequence email that would not be attempted now although nothing is wrong with it (its contact's
   * owner is deactivated): `ok` is false, `waiting` says why and what to do, as the scheduler would.
   */
  waitingFor: z.enum(['owner_inactive']).optional(),
  waiting: z
    .object({
      code: z.enum(['owner_inactive']),
      message: z.string(),
      resolution: z.string(),
      detail: z.string(),
    })
    .optional(),
});
export type PreflightResult = z.infer<typeof preflightResultSchema>;

export const taskSchema = z.object({
  id: z.string(),
  type: z.enum(taskTypes),
  status: z.enum(taskStatuses),
  contactId: z.string(),
  enrollmentId: z.string().optional(),
  sequenceId: z.string().optional(),
  stepId: z.string().optional(),
  ownerId: z.string(),
  dueAt: isoOutSchema,
  note: z.string().optional(),
  /** Set while an open task is snoozed: it is out of the due queue until then. */
  snoozedUntil: isoOutSchema.optional(),
});
export type Task = z.infer<typeof taskSchema>;
/** `until` must lie ahead (checked against the server's clock); null wakes the task now (undo). */
export const snoozeTaskBodySchema = z.object({ until: isoInstantSchema.nullable() }).strict();
export type SnoozeTaskBody = z.infer<typeof snoozeTaskBodySchema>;
export const completeTaskBodySchema = z
  .object({
    note: z.string().max(10_000).optional(),
    subject: z.string().max(1000).optional(),
    body: z.string().max(100_000).optional(),
  })
  .strict();
