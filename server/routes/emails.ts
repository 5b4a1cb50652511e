import { createRoute } from '@hono/zod-openapi';
import { and, asc, eq, gt, type SQL } from 'drizzle-orm';
import { idParamSchema, idSchema, pageOf } from '../../shared/schemas/common';
import {
  emailSchema,
  emailStatusSchema,
  retryBodySchema,
  retryResultSchema,
} from '../../shared/schemas/email';
import { notSentCodeSchema } from '../../shared/schemas/not-sent-code';
import type { AppDeps, AuthUser } from '../app-env';
import { visibleContacts } from '../auth/access';
import { contacts, emails, enrollments } from '../db/schema';
import { toEmailDto } from '../domain/emails/email-dto';
import { retryEmails } from '../domain/emails/retry-emails';
import { previewSubjects } from '../domain/emails/subject-preview';
import { maskMailboxIds } from '../domain/mailboxes/mailbox-access';
import { notFound } from '../http/api-error';
import { pageQuerySchema, toPage } from '../http/pagination';
import { createRouter, errorResponses, jsonBody, jsonResponse } from '../http/router';

const listQuery = pageQuerySchema.extend({
  enrollmentId: idSchema.optional(),
  contactId: idSchema.optional(),
  sequenceId: idSchema.optional(),
  status: emailStatusSchema.optional(),
  reason: notSentCodeSchema.optional(),
});

const list = createRoute({
  method: 'get',
  path: '/emails',
  tags: ['emails'],
  security: [{ bearer: [] }],
  request: { query: listQuery },
  responses: { 200: jsonResponse(pageOf(emailSchema), 'Emails, oldest first'), ...errorResponses },
});

const getOne = createRoute({
  method: 'get',
  path: '/emails/{id}',
  tags: ['emails'],
  security: [{ bearer: [] }],
  request: { params: idParamSchema },
  responses: { 200: jsonResponse(emailSchema, 'The email'), ...errorResponses },
});

const retry = createRoute({
  method: 'post',
  path: '/emails/retry',
  tags: ['emails'],
  security: [{ bearer: [] }],
  description:
    'Queue not-sent, bounced or unknown emails again. `force` skips stage, bounce, unverified and job-change protection; never blocklists, unsubscribes, GDPR or missing data.',
  request: { body: jsonBody(retryBodySchema) },
  responses: { 200: jsonResponse(retryResultSchema, 'What was queued and what was not'), ...errorResponses },
});

const listed = {
  id: emails.id,
  email: emails,
  enrollment: { userId: enrollments.userId, sequenceId: enrollments.sequenceId },
};

export function emailRoutes(deps: AppDeps) {
  const { db } = deps.database;
  /** Unsent emails show the subject they would go out with now, not their template. */
  const toDtos = async (user: AuthUser, rows: Parameters<typeof previewSubjects>[1]) => {
    const subjects = await previewSubjects(db, rows);
    const dtos = rows.map(({ email }) => {
      const subject = subjects.get(email.id);
      return toEmailDto(subject === undefined ? email : { ...email, subject });
    });
    return maskMailboxIds(db, user, dtos);
  };
  return createRouter()
    .openapi(list, async (c) => {
      const q = c.req.valid('query');
      const filters: (SQL | undefined)[] = [
        visibleContacts(c.get('user')),
        q.enrollmentId ? eq(emails.enrollmentId, q.enrollmentId) : undefined,
        q.contactId ? eq(emails.contactId, q.contactId) : undefined,
        q.sequenceId ? eq(enrollments.sequenceId, q.sequenceId) : undefined,
        q.status ? eq(emails.status, q.status) : undefined,
        q.reason ? eq(emails.reason, q.reason) : undefined,
        q.cursor ? gt(emails.id, q.cursor) : undefined,
      ];
      const rows = await db
        .select(listed)
        .from(emails)
        .innerJoin(contacts, eq(contacts.id, emails.contactId))
        .leftJoin(enrollments, eq(enrollments.id, emails.enrollmentId))
        .where(and(...filters))
        .orderBy(asc(emails.id))
        .limit(q.limit + 1);
      const page = toPage(rows, q.limit);
      return c.json({ ...page, items: await toDtos(c.get('user'), page.items) }, 200);
    })
    .openapi(getOne, async (c) => {
      const [row] = await db
        .select(listed)
        .from(emails)
        .innerJoin(contacts, eq(contacts.id, emails.contactId))
        .leftJoin(enrollments, eq(enrollments.id, emails.enrollmentId))
        .where(and(eq(emails.id, c.req.valid('param').id), visibleContacts(c.get('user'))));
      if (!row) throw notFound('email');
      const [dto] = await toDtos(c.get('user'), [row]);
      return c.json(dto as NonNullable<typeof dto>, 200);
    })
    .openapi(retry, async (c) => {
      const body = c.req.valid('json');
      const result = await retryEmails(db, c.get('user'), body.ids, body.force ?? false, deps.now());
      return c.json(result, 200);
    });
}
