import { createRoute, z } from '@hono/zod-openapi';
import { and, asc, eq, gt, ilike, ne, or, type SQL, sql } from 'drizzle-orm';
import { idParamSchema, idSchema, pageOf } from '../../shared/schemas/common';
import { accountSchema, createAccountSchema, patchAccountSchema } from '../../shared/schemas/contact';
import { apiErrorSchema } from '../../shared/schemas/error';
import type { AppDeps, AuthUser } from '../app-env';
import type { Db, Tx } from '../db/client';
import { newId } from '../db/ids';
import { accounts } from '../db/schema';
import { recordActivity } from '../domain/activity';
import { assertMayChangeAccountStage } from '../domain/contacts/account-stage';
import { toAccountDto } from '../domain/contacts/contact-dto';
import { assertMayChangeOwner, assertTeamOwner, containsPattern } from '../domain/contacts/team-refs';
import { conflict, notFound } from '../http/api-error';
import { pageQuerySchema, toPage } from '../http/pagination';
import { createRouter, errorResponses, jsonBody, jsonResponse } from '../http/router';

const conflictResponse = jsonResponse(
  apiErrorSchema,
  'Another account in the team has this domain; `details.accountId` names it',
);

const listQuerySchema = pageQuerySchema.extend({
  q: z.string().trim().min(1).max(200).optional().openapi({ description: 'Search in name and domain' }),
  domain: z.string().trim().toLowerCase().max(253).optional(),
  stage: z.string().max(100).optional(),
  ownerId: idSchema.optional(),
});

const createAccountRoute = createRoute({
  method: 'post',
  path: '/accounts',
  tags: ['accounts'],
  security: [{ bearer: [] }],
  description: 'One account per domain in a team; contacts created later with that domain link to it.',
  request: { body: jsonBody(createAccountSchema) },
  responses: { 201: jsonResponse(accountSchema, 'Created'), 409: conflictResponse, ...errorResponses },
});

const patchAccountRoute = createRoute({
  method: 'patch',
  path: '/accounts/{id}',
  tags: ['accounts'],
  security: [{ bearer: [] }],
  request: { params: idParamSchema, body: jsonBody(patchAccountSchema) },
  responses: { 200: jsonResponse(accountSchema, 'The account'), 409: conflictResponse, ...errorResponses },
});

const getAccountRoute = createRoute({
  method: 'get',
  path: '/accounts/{id}',
  tags: ['accounts'],
  security: [{ bearer: [] }],
  request: { params: idParamSchema },
  responses: { 200: jsonResponse(accountSchema, 'The account'), ...errorResponses },
});

const listAccountsRoute = createRoute({
  method: 'get',
  path: '/accounts',
  tags: ['accounts'],
  security: [{ bearer: [] }],
  description: "The team's accounts, ordered by id; `nextCursor` fetches the next page.",
  request: { query: listQuerySchema },
  responses: { 200: jsonResponse(pageOf(accountSchema), 'Accounts'), ...errorResponses },
});

async function loadAccount(db: Db, user: AuthUser, id: string) {
  const [row] = await db
    .select()
    .from(accounts)
    .where(and(eq(accounts.teamId, user.teamId), eq(accounts.id, id)));
  if (!row) throw notFound('account');
  return row;
}

/**
 * The schema has no unique index on (team, domain), so the check runs inside the write's transaction
 * under an advisory lock on the pair: two concurrent creates cannot both pass it.
 */
async function assertDomainFree(
  tx: Tx,
  teamId: string,
  domain: string | null | undefined,
  exceptId?: string,
) {
  if (!domain) return;
  await tx.execute(
    sql`select pg_advisory_xact_lock(hashtextextended(${`account-domain:${teamId}:${domain}`}, 0))`,
  );
  const [clash] = await tx
    .select({ id: accounts.id })
    .from(accounts)
    .where(
      and(
        eq(accounts.teamId, teamId),
        eq(accounts.domain, domain),
        exceptId ? ne(accounts.id, exceptId) : undefined,
      ),
    )
    .limit(1);
  if (clash)
    throw conflict('an account with this domain already exists in your team', { accountId: clash.id });
}

function listFilters(q: z.infer<typeof listQuerySchema>): SQL[] {
  const where: SQL[] = [];
  if (q.domain) where.push(eq(accounts.domain, q.domain));
  if (q.stage) where.push(eq(accounts.stage, q.stage));
  if (q.ownerId) where.push(eq(accounts.ownerId, q.ownerId));
  if (q.cursor) where.push(gt(accounts.id, q.cursor));
  if (q.q) {
    const search = or(
      ilike(accounts.name, containsPattern(q.q)),
      ilike(accounts.domain, containsPattern(q.q)),
    );
    if (search) where.push(search);
  }
  return where;
}

export function accountRoutes(deps: AppDeps) {
  const { db } = deps.database;
  return createRouter()
    .openapi(createAccountRoute, async (c) => {
      const user = c.get('user');
      const body = c.req.valid('json');
      const now = deps.now();
      assertMayChangeOwner(user, null, body.ownerId ?? null);
      if (body.stage) assertMayChangeAccountStage(user, body.ownerId ?? null);
      await assertTeamOwner(db, user.teamId, body.ownerId);
      const row = await db.transaction(async (tx) => {
        await assertDomainFree(tx, user.teamId, body.domain);
        const [inserted] = await tx
          .insert(accounts)
          .values({
            id: newId('acc', now.getTime()),
            teamId: user.teamId,
            name: body.name,
            domain: body.domain ?? null,
            stage: body.stage ?? null,
            ownerId: body.ownerId ?? null,
            createdAt: now,
            updatedAt: now,
          })
          .returning();
        if (!inserted) throw new Error('insert returned no row');
        const data = { accountId: inserted.id, name: inserted.name };
        await recordActivity(tx, {
          teamId: user.teamId,
          kind: 'account_created',
          actorId: user.id,
          data,
          at: now,
        });
        return inserted;
      });
      return c.json(toAccountDto(row), 201);
    })
    .openapi(patchAccountRoute, async (c) => {
      const user = c.get('user');
      const body = c.req.valid('json');
      const now = deps.now();
      const current = await loadAccount(db, user, c.req.valid('param').id);
      const changes: Partial<typeof accounts.$inferInsert> = {};
      if (body.name !== undefined && body.name !== current.name) changes.name = body.name;
      if (body.stage !== undefined && (body.stage ?? null) !== current.stage) {
        assertMayChangeAccountStage(user, current.ownerId);
        changes.stage = body.stage ?? null;
      }
      if (body.domain !== undefined && (body.domain ?? null) !== current.domain)
        changes.domain = body.domain ?? null;
      if (body.ownerId !== undefined && (body.ownerId ?? null) !== current.ownerId) {
        assertMayChangeOwner(user, current.ownerId, body.ownerId ?? null);
        await assertTeamOwner(db, user.teamId, body.ownerId);
        changes.ownerId = body.ownerId ?? null;
      }
      const changed = Object.keys(changes);
      if (changed.length === 0) return c.json(toAccountDto(current), 200);
      const row = await db.transaction(async (tx) => {
        if (changes.domain) await assertDomainFree(tx, user.teamId, changes.domain, current.id);
        const [updated] = await tx
          .update(accounts)
          .set({ ...changes, updatedAt: now })
          .where(eq(accounts.id, current.id))
          .returning();
        if (!updated) throw new Error('update returned no row');
        const data = { accountId: current.id, changed };
        await recordActivity(tx, {
          teamId: user.teamId,
          kind: 'account_updated',
          actorId: user.id,
          data,
          at: now,
        });
        return updated;
      });
      return c.json(toAccountDto(row), 200);
    })
    .openapi(getAccountRoute, async (c) => {
      const row = await loadAccount(db, c.get('user'), c.req.valid('param').id);
      return c.json(toAccountDto(row), 200);
    })
    .openapi(listAccountsRoute, async (c) => {
      const query = c.req.valid('query');
      const rows = await db
        .select()
        .from(accounts)
        .where(and(eq(accounts.teamId, c.get('user').teamId), ...listFilters(query)))
        .orderBy(asc(accounts.id))
        .limit(query.limit + 1);
      const page = toPage(rows, query.limit);
      return c.json({ ...page, items: page.items.map(toAccountDto) }, 200);
    });
}
