import { createRoute } from '@hono/zod-openapi';
import { observeResultSchema, observeThreadBodySchema } from '../../shared/schemas/observe';
import type { AppDeps } from '../app-env';
import { observeThread } from '../domain/replies/observe-thread';
import { createRouter, errorResponses, jsonBody, jsonResponse } from '../http/router';

const observe = createRoute({
  method: 'post',
  path: '/threads/observe',
  tags: ['threads'],
  security: [{ bearer: [] }],
  summary: 'Report a mail thread as the extension reads it from the page',
  description:
    'Replies from an enrolled contact finish the enrollment (reason `replied`, when the ruleset says so); ' +
    'an out-of-office answer pauses it until the return date it names (or a default) and it resumes by ' +
    'itself; delivery reports mark the address bounced. Reporting the same message again changes nothing. ' +
    '`events` lists what this call changed.',
  request: { body: jsonBody(observeThreadBodySchema) },
  responses: { 200: jsonResponse(observeResultSchema, 'What this report changed'), ...errorResponses },
});

export function threadRoutes(deps: AppDeps) {
  const { db } = deps.database;
  return createRouter().openapi(observe, async (c) => {
    const result = await observeThread(db, c.get('user'), c.req.valid('json'), deps.now());
    return c.json(result, 200);
  });
}
