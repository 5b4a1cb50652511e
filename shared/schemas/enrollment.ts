import { z } from 'zod';
import { enrollmentStatuses } from '../enums';
import { idSchema, isoInstantSchema, isoOutSchema } from './common';

export const enrollmentStatusSchema = z.enum(enrollmentStatuses);
export type EnrollmentStatus = z.infer<typeof enrollmentStatusSchema>;

export const enrollmentWarningCodeSchema = z.enum([
  'already_in_another_sequence',
  'unverified_email',
  'missing_email',
  'owned_by_other_user',
  'blocked_contact_stage',
  'missing_dynamic_variable',
]);
export type EnrollmentWarningCode = z.infer<typeof enrollmentWarningCodeSchema>;

export const finishReasonSchema = z.enum([
  'replied',
  'meeting_booked',
  'unsubscribed',
  'changed_job',
  'other',
]);
export type FinishReason = z.infer<typeof finishReasonSchema>;

export const enrollBodySchema = z
  .object({
    contactIds: z.array(idSchema).min(1).max(10_000),
    mailboxIds: z.array(idSchema).max(15).optional(),
    skipValidation: z.boolean().optional(),
    startAt: isoInstantSchema.optional(),
    /** Work out who would be enrolled, warned about or refused, and change nothing. */
    dryRun: z.boolean().optional(),
  })
  .strict();

export const enrollmentSchema = z.object({
  id: z.string(),
  sequenceId: z.string(),
  contactId: z.string(),
  status: enrollmentStatusSchema,
  currentStep: z.number(),
  nextRunAt: isoOutSchema.optional(),
  pausedReason: z.string().optional(),
  resumeAt: isoOutSchema.optional(),
  finishedReason: z.string().optional(),
  mailboxIds: z.array(z.string()),
  createdAt: isoOutSchema,
  updatedAt: isoOutSchema,
});
export type Enrollment = z.infer<typeof enrollmentSchema>;

export const enrollResultSchema = z.object({
  enrollments: z.array(enrollmentSchema),
  warnings: z.array(z.object({ contactId: z.string(), code: enrollmentWarningCodeSchema })),
  rejected: z.array(z.object({ contactId: z.string(), code: z.string() })),
  /** Names the variables behind each `missing_dynamic_variable` warning. */
  missingVariables: z.array(z.object({ contactId: z.string(), names: z.array(z.string()) })).optional(),
  /**
   * Warnings about the batch rather than a contact: `sends_spread_over_days` when a mailbox's limits
   * will spread the first emails over several sending days (an estimate from its caps and queue).
   */
  notices: z
    .array(
      z.object({
        code: z.literal('sends_spread_over_days'),
        mailboxId: z.string(),
        address: z.string(),
        perDay: z.number(),
        queued: z.number(),
        adding: z.number(),
        days: z.number(),
      }),
    )
    .optional(),
  /** True when nothing was written (`dryRun`). */
  dryRun: z.boolean().optional(),
});
export type EnrollResult = z.infer<typeof enrollResultSchema>;

export const pauseBodySchema = z.object({ resumeAt: isoInstantSchema.optional() }).strict();
export const finishBodySchema = z.object({ reason: finishReasonSchema }).strict();

/** `reenroll` enrolls a removed or finished enrollment's contact again: it carries on from its step. */
export const bulkEnrollmentActions = ['pause', 'resume', 'finish', 'remove', 'reenroll'] as const;
export const bulkEnrollmentActionSchema = z.enum(bulkEnrollmentActions);
export type BulkEnrollmentAction = z.infer<typeof bulkEnrollmentActionSchema>;

/**
 * One action over many enrollments. `resumeAt` belongs to pause, `reason` to finish (required
 * there) and `skipValidation` to reenroll (enroll despite warnings, as when enrolling); one given
 * with another action is refused rather than silently ignored.
 */
export const bulkEnrollmentBodySchema = z
  .object({
    ids: z.array(idSchema).min(1).max(10_000),
    action: bulkEnrollmentActionSchema,
    resumeAt: isoInstantSchema.optional(),
    reason: finishReasonSchema.optional(),
    skipValidation: z.boolean().optional(),
  })
  .strict()
  .superRefine((b, ctx) => {
    if (b.action !== 'reenroll' && b.skipValidation !== undefined)
      ctx.addIssue({
        code: 'custom',
        path: ['skipValidation'],
        message: 'only reenroll takes skipValidation',
      });
    if (b.action === 'finish' && b.reason === undefined)
      ctx.addIssue({ code: 'custom', path: ['reason'], message: 'finish needs a reason' });
    if (b.action !== 'finish' && b.reason !== undefined)
      ctx.addIssue({ code: 'custom', path: ['reason'], message: 'only finish takes a reason' });
    if (b.action !== 'pause' && b.resumeAt !== undefined)
      ctx.addIssue({ code: 'custom', path: ['resumeAt'], message: 'only pause takes resumeAt' });
  });
export type BulkEnrollmentBody = z.infer<typeof bulkEnrollmentBodySchema>;

export const bulkEnrollmentResultSchema = z.object({
  /** One entry per distinct id, in the order given. */
  results: z.array(
    z.discriminatedUnion('ok', [
      z.object({ id: z.string(), ok: z.literal(true), enrollment: enrollmentSchema }),
      z.object({
        id: z.string(),
        ok: z.literal(false),
        error: z.object({ code: z.string(), message: z.string() }),
      }),
    ]),
  ),
});
export type BulkEnrollmentResult = z.infer<typeof bulkEnrollmentResultSchema>;
