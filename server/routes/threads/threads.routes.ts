import { createRoute } from '@hono/zod-openapi';
import { observeResultSchema, observeThreadBodySchema } from '../../../shared/schemas/observe';
import { errorResponses, jsonBody, jsonResponse } from '../../http/router';

export const observeThread = createRoute({
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

export type ObserveThreadRoute = typeof observeThread;
