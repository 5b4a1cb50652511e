import type { z } from 'zod';
import type { blocklistEntrySchema } from '../../../shared/schemas/contact';
import type { blocklist } from '../../db/schema';

export type BlocklistEntry = z.infer<typeof blocklistEntrySchema>;

export type BlocklistRow = typeof blocklist.$inferSelect;

export const toBlocklistEntryDto = (r: BlocklistRow): BlocklistEntry => ({
  id: r.id,
  kind: r.kind,
  value: r.value,
  createdAt: r.createdAt.toISOString(),
});
