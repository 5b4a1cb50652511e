import { createRoute, type z } from '@hono/zod-openapi';
import { pageOf } from '../../shared/schemas/common';
import { pageQuerySchema } from './pagination';
import { errorResponses, jsonResponse } from './router';

/**
 * The definition of a signed-in GET that lists a resource a page at a time (API.md's pagination):
 * `limit` and `cursor` plus the resource's own filters in the query, `{ items, nextCursor? }` back.
 * Every list route has this one shape, so it is written once.
 */
export function listRoute<P extends string, F extends z.ZodRawShape, T extends z.ZodType>(def: {
  path: P;
  tags: string[];
  /** One item of the page, as the API returns it. */
  item: T;
  /** What the page holds (the 200 response's description). */
  holds: string;
  /** The resource's filters beside `limit` and `cursor`. */
  filters: F;
  description?: string;
}) {
  return createRoute({
    method: 'get',
    path: def.path,
    tags: def.tags,
    security: [{ bearer: [] }],
    ...(def.description !== undefined && { description: def.description }),
    request: { query: pageQuerySchema.extend(def.filters) },
    responses: { 200: jsonResponse(pageOf(def.item), def.holds), ...errorResponses },
  });
}
