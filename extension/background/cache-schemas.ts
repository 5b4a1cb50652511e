import { z } from 'zod';
import { pageOf } from '../../shared/schemas/common';
import { notSentCodeSchema } from '../../shared/schemas/not-sent-code';

/** The cache keeps only what the panel shows of a sequence; extra fields are dropped. */
export const sequenceRowSchema = z.object({ id: z.string(), name: z.string(), active: z.boolean() });
export const sequencePageSchema = pageOf(sequenceRowSchema);

export const emailRowSchema = z.object({
  id: z.string(),
  enrollmentId: z.string().nullable(),
  status: z.string(),
  reason: notSentCodeSchema.optional(),
  detail: z.string().optional(),
  scheduledAt: z.string().optional(),
  sentAt: z.string().optional(),
});
export const emailPageSchema = pageOf(emailRowSchema);

/** GET /api/changes: the delta feed that keeps the cache fresh. */
export const changesPageSchema = z.object({
  items: z.array(
    z.object({
      // Unknown kinds are skipped rather than failing the page, so the server can add more.
      type: z.string(),
      id: z.string(),
      data: z.unknown().optional(),
      deleted: z.boolean().optional(),
    }),
  ),
  nextCursor: z.string().nullish(),
  hasMore: z.boolean(),
});
