import { createRoute } from '@hono/zod-openapi';
import { observeResultSchema, observeThreadBodySchema } from '../../shared/schemas/observe';
import type { AppDeps } from '../app-env';
import { observeThread } from '../domain/replies/observe-thread';
import { stripUnsafeText } from '../domain/unsafe-text';
import { createRouter, errorResponses, jsonBody, jsonResponse } from '../http/router';
import { validationErrorBody } from '../http/validation';

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
  return createRouter().openapi(
    observe,
    async (c) => {
      // Mail is what the page showed: a stray NUL or half a surrogate pair is dropped, not refused.
      const body = stripUnsafeText(c.req.valid('json'));
      const result = await observeThread(db, c.get('user'), body, deps.now());
      return c.json(result, 200);
    },
    // Only a failed parse is a 400 here: NUL and lone surrogates pass on to be stripped above.
    (result, c) => {
      // The hook's type expects the route's 200 body; the error envelope is what every 400 answers.
      if (!result.success) return c.json(validationErrorBody(result.error), 400) as never;
    },
  );
}
