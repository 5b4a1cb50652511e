import { z } from 'zod';
import { idSchema, isoOutSchema } from './common';

export const createListSchema = z.object({ name: z.string().trim().min(1).max(200) }).strict();

export const listSchema = z.object({
  id: z.string(),
  name: z.string(),
  ownerId: z.string().nullable(),
  /** Members the caller may see (other reps' contacts are not counted for a rep). */
  memberCount: z.number(),
  createdAt: isoOutSchema,
});
export type ContactList = z.infer<typeof listSchema>;

export const addListMembersSchema = z.object({ contactIds: z.array(idSchema).min(1).max(10_000) }).strict();

export const addListMembersResultSchema = z.object({
  added: z.number(),
  alreadyMembers: z.number(),
  /** Ids that are unknown or not visible to the caller; nothing was added for them. */
  notFound: z.array(z.string()),
});
export type AddListMembersResult = z.infer<typeof addListMembersResultSchema>;

export const patchListSchema = z.object({ name: z.string().trim().min(1).max(200) }).strict();

export const removeListMembersSchema = z
  .object({ contactIds: z.array(idSchema).min(1).max(10_000) })
  .strict();

export const removeListMembersResultSchema = z.object({
  removed: z.number(),
  /** Ids that were not on the list, or are contacts the caller may not see; nothing changed for them. */
  notMembers: z.array(z.string()),
});
export type RemoveListMembersResult = z.infer<typeof removeListMembersResultSchema>;
