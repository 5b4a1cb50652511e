import { z } from 'zod';
import { idSchema, isoInstantSchema, isoOutSchema } from './common';

export const enrollmentStatuses = [
  'active',
  'scheduled',
  'paused',
  'finished',
  'bounced',
  'not_sent',
  'removed',
] as const;
export const enrollmentStatusSchema = z.enum(enrollmentStatuses);
export type EnrollmentStatus = z.infer<typeof enrollmentStatusSchema>;

export const enrollmentWarningCodeSchema = z.enum([
  'already_in_another_sequence',
  'unverified_email',
  'missing_email',
  'owned_by_other_user',
  'blocked_contact_stage',
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
});
export type EnrollResult = z.infer<typeof enrollResultSchema>;

export const pauseBodySchema = z.object({ resumeAt: isoInstantSchema.optional() }).strict();
export const finishBodySchema = z.object({ reason: finishReasonSchema }).strict();
