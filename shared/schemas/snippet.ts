import { z } from 'zod';
import { isoOutSchema } from './common';
import { snippetInputSchema, snippetSchema } from './sequence';

export const createSnippetSchema = snippetInputSchema;
export const patchSnippetSchema = snippetInputSchema.partial().strict();

/** The snippet as the API returns it: the base shape plus who owns it and when it changed. */
export const snippetDtoSchema = snippetSchema.extend({
  ownerId: z.string().nullable(),
  createdAt: isoOutSchema,
  updatedAt: isoOutSchema,
});
export type SnippetDto = z.infer<typeof snippetDtoSchema>;
