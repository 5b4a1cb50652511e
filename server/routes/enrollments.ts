import { createRoute, z } from '@hono/zod-openapi';
import { and, asc, eq, exists, gt, sql } from 'drizzle-orm';
import { idParamSchema, idSchema } from '../../shared/schemas/common';
import {
  type BulkEnrollmentBody,
  bulkEnrollmentBodySchema,
  bulkEnrollmentResultSchema,
  enrollBodySchema,
  enrollmentSchema,
  enrollmentStatusSchema,
  enrollResultSchema,
  finishBodySchema,
  pauseBodySchema,
} from '../../shared/schemas/enrollment';
import type { AppDeps, AuthUser } from '../app-env';
import { loadSequenceFor } from '../auth/access';
import type { Db } from '../db/client';
import { contacts, enrollments, sequences } from '../db/schema';
import { contactMatches } from '../domain/contacts/contact-search';
import { loadEnrollmentFor, visibleEnrollments } from '../domain/enrollments/access';
import { applyBulkAction, type BulkCommand } from '../domain/enrollments/bulk-actions';
import { toEnrollmentDto } from '../domain/enrollments/dto';
import { enrollContacts } from '../domain/enrollments/enroll';
import {
  finishEnrollment,
  pauseEnrollment,
  removeEnrollment,
  resumeEnrollment,
} from '../domain/enrollments/lifecycle';
import { maskMailboxIds } from '../domain/mailboxes/mailbox-access';
import { ApiError } from '../http/api-error';
import { pageQuerySchema, toPage } from '../http/pagination';
import { createRouter, errorResponses, jsonBody, jsonResponse } from '../http/router';

const base = { tags: ['enrollments'], security: [{ bearer: [] }] };
const conflictResponse = {
  409: {
    description: 'Not possible in the enrollment’s current status',
    content: errorResponses[400].content,
  },
};
const one = (description: string) => ({
  200: jsonResponse(enrollmentSchema, description),
  ...errorResponses,
  ...conflictResponse,
});

const enroll = createRoute({
  ...base,
  method: 'post',
  path: '/sequences/{id}/enrollments',
  request: { params: idParamSchema, body: jsonBody(enrollBodySchema) },
  responses: {
    200: jsonResponse(enrollResultSchema, 'Who was enrolled, warned about, or rejected (and why)'),
    ...errorResponses,
  },
});
const list = createRoute({
  ...base,
  method: 'get',
  path: '/enrollments',
  request: {
    query: pageQuerySchema.extend({
      contactId: idSchema.optional(),
      sequenceId: idSchema.optional(),
      status: enrollmentStatusSchema.optional(),
      q: z.string().trim().min(1).max(200).optional().openapi({
        description: "The contact's name or email contains this, case-insensitively",
      }),
    }),
  },
  responses: {
    200: jsonResponse(
      z.object({ items: z.array(enrollmentSchema), nextCursor: z.string().optional() }),
      'Enrollments the caller can see',
    ),
    ...errorResponses,
  },
});
const bulk = createRoute({
  ...base,
  method: 'post',
  path: '/enrollments/bulk',
  description:
    'Pauses, resumes, finishes or removes many enrollments, each as its own call would (same rules, ' +
    'same checks), and reports each one: an id the caller cannot see is `not_found`, one whose status ' +
    'does not allow the action a `conflict`. A malformed request is a 400 and changes nothing.',
  request: { body: jsonBody(bulkEnrollmentBodySchema) },
  responses: {
    200: jsonResponse(bulkEnrollmentResultSchema, 'One result per distinct id, in the order given'),
    ...errorResponses,
  },
});
const get = createRoute({
  ...base,
  method: 'get',
  path: '/enrollments/{id}',
  request: { params: idParamSchema },
  responses: one('The enrollment'),
});
const pause = createRoute({
  ...base,
  method: 'post',
  path: '/enrollments/{id}/pause',
  request: {
    params: idParamSchema,
    body: { ...jsonBody(pauseBodySchema), required: false },
  },
  responses: one('The paused enrollment'),
});
const resume = createRoute({
  ...base,
  method: 'post',
  path: '/enrollments/{id}/resume',
  request: { params: idParamSchema },
  responses: one('The resumed enrollment'),
});
const finish = createRoute({
  ...base,
  method: 'post',
  path: '/enrollments/{id}/finish',
  request: { params: idParamSchema, body: jsonBody(finishBodySchema) },
  responses: one('The finished enrollment'),
});
const remove = createRoute({
  ...base,
  method: 'delete',
  path: '/enrollments/{id}',
  request: { params: idParamSchema },
  responses: one('The enrollment, now removed (its history is kept)'),
});

/** Searched in a subquery: the contact stays out of the join unless a search asks for it. */
const matchingContact = (db: Db, q: string) =>
  exists(
    db
      .select({ one: sql`1` })
      .from(contacts)
      .where(and(eq(contacts.id, enrollments.contactId), contactMatches(q))),
  );

/**
 * The body as the domain takes it. Whether resumeAt lies ahead depends on the clock, which the
 * schema cannot see, so that check happens here: before anything changes, as a 400 naming the field.
 */
function bulkCommand(body: BulkEnrollmentBody, now: Date): BulkCommand {
  switch (body.action) {
    case 'pause': {
      const resumeAt = body.resumeAt ? new Date(body.resumeAt) : null;
      if (resumeAt && resumeAt <= now) {
        const issue = { path: 'resumeAt', message: 'must be in the future' };
        throw new ApiError(400, 'validation_failed', `${issue.path}: ${issue.message}`, [issue]);
      }
      return { action: 'pause', resumeAt };
    }
    case 'finish':
      // The schema requires a reason for finish; 'other' only satisfies the type checker.
      return { action: 'finish', reason: body.reason ?? 'other' };
    default:
      return { action: body.action };
  }
}

export function enrollmentRoutes(deps: AppDeps) {
  const { db } = deps.database;
  const shown = async (user: AuthUser, row: Parameters<typeof toEnrollmentDto>[0]) => {
    const [dto] = await maskMailboxIds(db, user, [toEnrollmentDto(row)]);
    return dto as NonNullable<typeof dto>;
  };
  return createRouter()
    .openapi(enroll, async (c) => {
      const user = c.get('user');
      // Adding contacts is an edit: the seeds reserve it for the owner and "can edit" shares.
      const { sequence } = await loadSequenceFor(db, user, c.req.valid('param').id, 'edit');
      const body = c.req.valid('json');
      const result = await enrollContacts(
        db,
        user,
        sequence,
        { ...body, startAt: body.startAt ? new Date(body.startAt) : undefined },
        deps.now(),
      );
      const shown = await maskMailboxIds(db, user, result.enrollments.map(toEnrollmentDto));
      return c.json({ ...result, enrollments: shown }, 200);
    })
    .openapi(list, async (c) => {
      const user = c.get('user');
      const q = c.req.valid('query');
      const rows = await db
        .select({ e: enrollments })
        .from(enrollments)
        .innerJoin(sequences, eq(sequences.id, enrollments.sequenceId))
        .where(
          and(
            visibleEnrollments(user),
            q.contactId ? eq(enrollments.contactId, q.contactId) : undefined,
            q.sequenceId ? eq(enrollments.sequenceId, q.sequenceId) : undefined,
            q.status ? eq(enrollments.status, q.status) : undefined,
            q.q ? matchingContact(db, q.q) : undefined,
            q.cursor ? gt(enrollments.id, q.cursor) : undefined,
          ),
        )
        .orderBy(asc(enrollments.id))
        .limit(q.limit + 1);
      const page = toPage(
        rows.map((r) => r.e),
        q.limit,
      );
      return c.json({ ...page, items: await maskMailboxIds(db, user, page.items.map(toEnrollmentDto)) }, 200);
    })
    .openapi(bulk, async (c) => {
      const body = c.req.valid('json');
      const now = deps.now();
      const cmd = bulkCommand(body, now);
      const user = c.get('user');
      const result = await applyBulkAction(db, user, body.ids, cmd, now, deps.log);
      const done = result.results.flatMap((r) => (r.ok ? [r.enrollment] : []));
      const masked = new Map((await maskMailboxIds(db, user, done)).map((e) => [e.id, e]));
      const results = result.results.map((r) =>
        r.ok ? { ...r, enrollment: masked.get(r.id) ?? r.enrollment } : r,
      );
      return c.json({ ...result, results }, 200);
    })
    .openapi(get, async (c) => {
      const user = c.get('user');
      const row = await loadEnrollmentFor(db, user, c.req.valid('param').id, 'view');
      return c.json(await shown(user, row), 200);
    })
    .openapi(pause, async (c) => {
      const user = c.get('user');
      const { id } = c.req.valid('param');
      await loadEnrollmentFor(db, user, id, 'edit');
      // The body is optional: a bare POST pauses until someone resumes.
      const body = (c.req.valid('json') as { resumeAt?: string } | undefined) ?? {};
      const now = deps.now();
      const row = await db.transaction((tx) =>
        pauseEnrollment(tx, id, {
          now,
          actorId: user.id,
          resumeAt: body.resumeAt ? new Date(body.resumeAt) : null,
        }),
      );
      return c.json(await shown(user, row), 200);
    })
    .openapi(resume, async (c) => {
      const user = c.get('user');
      const { id } = c.req.valid('param');
      await loadEnrollmentFor(db, user, id, 'edit');
      const now = deps.now();
      const row = await db.transaction((tx) => resumeEnrollment(tx, id, { now, actorId: user.id }));
      return c.json(await shown(user, row), 200);
    })
    .openapi(finish, async (c) => {
      const user = c.get('user');
      const { id } = c.req.valid('param');
      await loadEnrollmentFor(db, user, id, 'edit');
      const { reason } = c.req.valid('json');
      const now = deps.now();
      const row = await db.transaction((tx) => finishEnrollment(tx, id, { now, actorId: user.id, reason }));
      return c.json(await shown(user, row), 200);
    })
    .openapi(remove, async (c) => {
      const user = c.get('user');
      const { id } = c.req.valid('param');
      await loadEnrollmentFor(db, user, id, 'edit');
      const now = deps.now();
      const row = await db.transaction((tx) => removeEnrollment(tx, id, { now, actorId: user.id }));
      return c.json(await shown(user, row), 200);
    });
}
