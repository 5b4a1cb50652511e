import { createRoute } from '@hono/zod-openapi';
import { changesPageSchema, changesQuerySchema } from '../../../shared/schemas/changes';
import { errorResponses, jsonResponse } from '../../http/router';

export const listChanges = createRoute({
  method: 'get',
  path: '/changes',
  tags: ['changes'],
  security: [{ bearer: [] }],
  description: [
    'The delta feed the extension polls instead of whole tables: contacts, accounts, sequences,',
    'enrollments, emails and tasks the caller may see that changed after `cursor`, oldest change first.',
    'Each item carries the resource as it is now; a row changed twice appears once, at its latest change.',
    'Removals and finishes are status changes, so they arrive like any other. Omit `cursor` to start from',
    'the beginning; store `nextCursor` and send it back. `hasMore` means more is ready at once. Changes',
    'of transactions still in progress are held back until they commit, so a cursor never skips one.',
  ].join('\n'),
  request: { query: changesQuerySchema },
  responses: { 200: jsonResponse(changesPageSchema, 'Changes since the cursor'), ...errorResponses },
});

export type ListChangesRoute = typeof listChanges;
