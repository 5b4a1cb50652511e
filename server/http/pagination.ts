import { z } from 'zod';

// toPage is the domain's (use-cases page their reads); re-exported for routes not yet split.
export { toPage } from '../domain/page';

/** `limit` and `cursor` as every list route takes them (API.md). */
export const pageQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(1000).default(100),
  cursor: z.string().max(200).optional(),
});
export type PageQuery = z.infer<typeof pageQuerySchema>;
