import { z } from 'zod';
import { isoOutSchema } from './common';

/** A thread as the extension reads it from the mail page (API.md "What the extension reports"). */
export const observedMessageSchema = z.object({
  messageId: z.string().max(1000).optional(),
  from: z.string().min(1).max(1000),
  to: z.array(z.string().max(1000)).max(500).optional(),
  date: z.iso.datetime({ offset: true }),
  text: z.string().max(200_000).optional(),
  headers: z.record(z.string().max(200), z.string().max(10_000)).optional(),
});
export const observeThreadBodySchema = z
  .object({
    host: z.enum(['gmail', 'outlook']),
    threadId: z.string().min(1).max(1000),
    subject: z.string().max(1000).optional(),
    messages: z.array(observedMessageSchema).max(500),
  })
  .strict();
export type ObserveThreadBody = z.infer<typeof observeThreadBodySchema>;

export const observeResultSchema = z.object({
  events: z.array(
    z.object({
      enrollmentId: z.string(),
      kind: z.enum(['reply', 'out_of_office']),
      resumeAt: isoOutSchema.optional(),
    }),
  ),
});
export type ObserveResult = z.infer<typeof observeResultSchema>;
