import { createRoute } from '@hono/zod-openapi';
import { idParamSchema, idSchema } from '../../../shared/schemas/common';
import {
  emailSchema,
  emailStatusSchema,
  retryBodySchema,
  retryResultSchema,
} from '../../../shared/schemas/email';
import { notSentCodeSchema } from '../../../shared/schemas/not-sent-code';
import { listRoute } from '../../http/list-route';
import { errorResponses, jsonBody, jsonResponse } from '../../http/router';

const tags = ['emails'];
const security = [{ bearer: [] }];

export const listEmails = listRoute({
  path: '/emails',
  tags,
  item: emailSchema,
  holds: 'Emails, oldest first',
  filters: {
    enrollmentId: idSchema.optional(),
    contactId: idSchema.optional(),
    sequenceId: idSchema.optional(),
    status: emailStatusSchema.optional(),
    reason: notSentCodeSchema.optional(),
    ownerId: idSchema.optional().openapi({ description: 'Only emails to contacts this user owns' }),
  },
});

export const getEmail = createRoute({
  method: 'get',
  path: '/emails/{id}',
  tags,
  security,
  request: { params: idParamSchema },
  responses: { 200: jsonResponse(emailSchema, 'The email'), ...errorResponses },
});

export const retryEmails = createRoute({
  method: 'post',
  path: '/emails/retry',
  tags,
  security,
  description:
    'Queue not-sent, bounced or unknown emails again. `force` skips stage, bounce, unverified and job-change protection; never blocklists, unsubscribes, GDPR or missing data.',
  request: { body: jsonBody(retryBodySchema) },
  responses: { 200: jsonResponse(retryResultSchema, 'What was queued and what was not'), ...errorResponses },
});

export type ListEmailsRoute = typeof listEmails;
export type GetEmailRoute = typeof getEmail;
export type RetryEmailsRoute = typeof retryEmails;
