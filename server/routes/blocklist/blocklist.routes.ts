import { createRoute, z } from '@hono/zod-openapi';
import { idParamSchema } from '../../../shared/schemas/common';
import { blocklistEntrySchema, blocklistInputSchema } from '../../../shared/schemas/contact';
import { listRoute } from '../../http/list-route';
import { errorResponses, jsonBody, jsonResponse } from '../../http/router';

const tags = ['blocklist'];
const security = [{ bearer: [] }];

export const createBlocklistEntry = createRoute({
  method: 'post',
  path: '/blocklist',
  tags,
  security,
  description:
    'Any team member may block an address or a whole domain. Values are stored lower-cased; adding one ' +
    'that is already there answers 200 with the existing entry.',
  request: { body: jsonBody(blocklistInputSchema) },
  responses: {
    201: jsonResponse(blocklistEntrySchema, 'Added'),
    200: jsonResponse(blocklistEntrySchema, 'Already blocked: the existing entry'),
    ...errorResponses,
  },
});

export const listBlocklistEntries = listRoute({
  path: '/blocklist',
  tags,
  item: blocklistEntrySchema,
  holds: 'Blocked emails and domains',
  filters: {
    kind: z.enum(['email', 'domain']).optional(),
    value: z.string().trim().toLowerCase().max(320).optional().openapi({ description: 'Exact value' }),
  },
});

export const deleteBlocklistEntry = createRoute({
  method: 'delete',
  path: '/blocklist/{id}',
  tags,
  security,
  description:
    'Admins only: unblocking lets sequences write to someone who may have asked not to be contacted.',
  request: { params: idParamSchema },
  responses: { 204: { description: 'Removed' }, ...errorResponses },
});

export type CreateBlocklistEntryRoute = typeof createBlocklistEntry;
export type ListBlocklistEntriesRoute = typeof listBlocklistEntries;
export type DeleteBlocklistEntryRoute = typeof deleteBlocklistEntry;
