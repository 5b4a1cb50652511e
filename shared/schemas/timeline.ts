import { z } from 'zod';
import { activityKinds } from '../enums';
import { isoOutSchema } from './common';

/**
 * One thing that happened to a contact, from the append-only history: the email it concerns (with
 * its status and reason now), the sequence, and who did it (null: Stride itself, or the contact).
 */
export const timelineItemSchema = z.object({
  id: z.string(),
  kind: z.enum(activityKinds),
  at: isoOutSchema,
  actor: z.object({ id: z.string(), name: z.string() }).nullable(),
  enrollmentId: z.string().nullable(),
  sequence: z.object({ id: z.string(), name: z.string() }).nullable(),
  email: z
    .object({
      id: z.string(),
      subject: z.string().nullable(),
      status: z.string(),
      reason: z.string().nullable(),
      detail: z.string().nullable(),
    })
    .nullable(),
  /** What the history recorded with it (reasons, resume dates, the link clicked…). */
  data: z.record(z.string(), z.unknown()),
});
export type TimelineItem = z.infer<typeof timelineItemSchema>;
