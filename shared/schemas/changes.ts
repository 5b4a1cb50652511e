import { z } from 'zod';
import { accountSchema, contactSchema } from './contact';
import { emailSchema, taskSchema } from './email';
import { enrollmentSchema } from './enrollment';
import { rulesetSchema } from './ruleset';
import { scheduleSchema } from './schedule';

export const changeTypeSchema = z.enum(['contact', 'account', 'sequence', 'enrollment', 'email', 'task']);
export type ChangeType = z.infer<typeof changeTypeSchema>;

/** The delta feed carries sequences without their steps; `GET /api/sequences/:id` has the full shape. */
export const sequenceSummarySchema = z.object({
  id: z.string(),
  name: z.string(),
  ownerId: z.string(),
  active: z.boolean(),
  schedule: scheduleSchema,
  ruleset: rulesetSchema,
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type SequenceSummary = z.infer<typeof sequenceSummarySchema>;

export const changesQuerySchema = z.object({
  /** The `nextCursor` of the previous answer; absent means from the beginning. */
  cursor: z
    .string()
    .regex(/^\d{1,15}$/, 'use the nextCursor of a previous answer (digits only)')
    .optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(100),
});

const item = <T extends z.ZodTypeAny, K extends ChangeType>(type: K, data: T) =>
  z.object({ type: z.literal(type), id: z.string(), data });

export const changeItemSchema = z.discriminatedUnion('type', [
  item('contact', contactSchema),
  item('account', accountSchema),
  item('sequence', sequenceSummarySchema),
  item('enrollment', enrollmentSchema),
  item('email', emailSchema),
  item('task', taskSchema),
]);
export type ChangeItem = z.infer<typeof changeItemSchema>;

export const changesPageSchema = z.object({
  items: z.array(changeItemSchema),
  /** Always present: store it and send it back as `cursor` on the next poll. */
  nextCursor: z.string(),
  /** More changes are ready now; poll again at once instead of waiting. */
  hasMore: z.boolean(),
});
export type ChangesPage = z.infer<typeof changesPageSchema>;
