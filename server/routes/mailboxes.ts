import { Resolver } from 'node:dns/promises';
import { createRoute, z } from '@hono/zod-openapi';
import { and, asc, eq, exists, gt, inArray, type SQL, sql } from 'drizzle-orm';
import { idParamSchema, idSchema, pageOf } from '../../shared/schemas/common';
import {
  createMailboxSchema,
  mailboxHealthSchema,
  mailboxUnlinkResultSchema,
  patchMailboxSchema,
} from '../../shared/schemas/mailbox';
import type { AppDeps } from '../app-env';
import { mailboxes, mailboxShares, mailboxSync } from '../db/schema';
import { addressRuleViolations } from '../domain/mailboxes/address-rules';
import { checkDomainHealth, mailboxAdvice, type ResolveTxt, worst } from '../domain/mailboxes/domain-health';
import { type MailboxSyncRow, mailboxDtoSchema, toMailboxDto } from '../domain/mailboxes/mailbox-dto';
import { listMailboxShares, shareMailbox, unshareMailbox } from '../domain/mailboxes/mailbox-shares';
import {
  createMailbox,
  deleteMailbox,
  loadMailboxFor,
  MAX_MAILBOXES_PER_USER,
  updateMailbox,
} from '../domain/mailboxes/mailbox-writes';
import { pageQuerySchema, toPage } from '../http/pagination';
import { createRouter, errorResponses, jsonBody, jsonResponse } from '../http/router';

const plainEmail = z.email();

/** Seed 003's refused character sequences first (their messages say what is wrong), then the format. */
export const mailboxAddressSchema = z
  .string()
  .trim()
  .min(3)
  .max(320)
  .superRefine((value, ctx) => {
    const problems = addressRuleViolations(value);
    for (const problem of problems) ctx.addIssue({ code: 'custom', message: `the address ${problem}` });
    if (problems.length === 0 && !plainEmail.safeParse(value).success) {
      ctx.addIssue({ code: 'custom', message: 'must be a valid email address' });
    }
  });

const switches = { unsubscribeEnabled: z.boolean().optional(), openTracking: z.boolean().optional() };
const settingsPatch = z
  .record(z.string(), z.unknown())
  .optional()
  .openapi({ description: 'Merged over the stored settings (a null value removes a key); reconnects.' });
const createBodySchema = createMailboxSchema.extend({ address: mailboxAddressSchema, ...switches });
const patchBodySchema = patchMailboxSchema.extend({ ...switches, settings: settingsPatch });
const reconnectBodySchema = z.object({ settings: settingsPatch }).strict();

const listQuerySchema = pageQuerySchema.extend({
  userId: idSchema.optional().openapi({ description: 'Admins: only this user’s mailboxes' }),
  shared: z.enum(['true', 'false']).optional().openapi({
    description: '`true`: the mailboxes colleagues shared with the caller, instead of their own',
  }),
});
const selectorSchema = z
  .string()
  .regex(/^[A-Za-z0-9._-]{1,63}(,[A-Za-z0-9._-]{1,63}){0,9}$/, 'one to ten DKIM selectors, comma-separated')
  .optional()
  .openapi({ description: 'DKIM selector(s) to check; default google, selector1, selector2, k1' });

const tags = ['mailboxes'];
const security = [{ bearer: [] }];
const conflictResponse = { 409: { ...errorResponses[400], description: 'Conflict (see error.code)' } };

const createRouteDef = createRoute({
  method: 'post',
  path: '/mailboxes',
  tags,
  security,
  description:
    `Links a mailbox for the caller (at most ${MAX_MAILBOXES_PER_USER} per user; an address once per team). ` +
    'Settings are validated per provider, stored encrypted and never returned. Without settings, a ' +
    'provider that needs credentials starts inactive ("not connected").',
  request: { body: jsonBody(createBodySchema) },
  responses: { 201: jsonResponse(mailboxDtoSchema, 'Created'), ...conflictResponse, ...errorResponses },
});
const listRouteDef = createRoute({
  method: 'get',
  path: '/mailboxes',
  tags,
  security,
  description: 'The caller’s mailboxes; for an admin, the whole team’s.',
  request: { query: listQuerySchema },
  responses: { 200: jsonResponse(pageOf(mailboxDtoSchema), 'Mailboxes'), ...errorResponses },
});
const getRouteDef = createRoute({
  method: 'get',
  path: '/mailboxes/{id}',
  tags,
  security,
  request: { params: idParamSchema },
  responses: { 200: jsonResponse(mailboxDtoSchema, 'The mailbox'), ...errorResponses },
});
const patchRouteDef = createRoute({
  method: 'patch',
  path: '/mailboxes/{id}',
  tags,
  security,
  description:
    'Changes limits, name, signature, switches; new settings re-encrypt and reconnect an inactive mailbox.',
  request: { params: idParamSchema, body: jsonBody(patchBodySchema) },
  responses: { 200: jsonResponse(mailboxDtoSchema, 'The mailbox'), ...errorResponses },
});
const reconnectRouteDef = createRoute({
  method: 'post',
  path: '/mailboxes/{id}/reconnect',
  tags,
  security,
  description:
    'Marks the mailbox active again, with new settings (merged) or, without, the stored ones if complete.',
  request: {
    params: idParamSchema,
    body: { content: { 'application/json': { schema: reconnectBodySchema } }, required: false },
  },
  responses: { 200: jsonResponse(mailboxDtoSchema, 'The mailbox'), ...errorResponses },
});
const deleteRouteDef = createRoute({
  method: 'delete',
  path: '/mailboxes/{id}',
  tags,
  security,
  description:
    'Unlinks the mailbox: it leaves every enrollment’s rotation, its past emails stay (detached). ' +
    '409 mailbox_busy while an email is being sent through it.',
  request: { params: idParamSchema },
  responses: {
    200: jsonResponse(mailboxUnlinkResultSchema, 'Unlinked'),
    ...conflictResponse,
    ...errorResponses,
  },
});
const healthRouteDef = createRoute({
  method: 'get',
  path: '/mailboxes/{id}/health',
  tags,
  security,
  description:
    'DNS checks of the sending domain (SPF, DKIM, DMARC) and the mailbox’s own settings, with advice.',
  request: { params: idParamSchema, query: z.object({ selector: selectorSchema }) },
  responses: { 200: jsonResponse(mailboxHealthSchema, 'Findings'), ...errorResponses },
});

const shareEntrySchema = z.object({ userId: z.string(), name: z.string(), email: z.string() });
const mailboxSharesSchema = z.object({ shares: z.array(shareEntrySchema) }).openapi('MailboxShares');
const shareBodySchema = z.object({ userId: idSchema }).strict();
const shareParams = z.object({ id: idSchema, userId: idSchema });
const sharesRouteDef = createRoute({
  method: 'get',
  path: '/mailboxes/{id}/shares',
  tags,
  security,
  description: 'Who besides the owner may send through this mailbox (owner or admin only).',
  request: { params: idParamSchema },
  responses: { 200: jsonResponse(mailboxSharesSchema, 'The shares'), ...errorResponses },
});
const shareRouteDef = createRoute({
  method: 'post',
  path: '/mailboxes/{id}/share',
  tags,
  security,
  description:
    'Lets a colleague enroll contacts with this mailbox (a team or shared inbox). Owner or admin only; ' +
    'a mailbox that is neither yours nor shared with you cannot be used, and its id is not shown to you.',
  request: { params: idParamSchema, body: jsonBody(shareBodySchema) },
  responses: {
    200: jsonResponse(mailboxSharesSchema, 'Everyone the mailbox is shared with'),
    ...errorResponses,
  },
});
const unshareRouteDef = createRoute({
  method: 'delete',
  path: '/mailboxes/{id}/share/{userId}',
  tags,
  security,
  description: 'Stops sharing; enrollments already using the mailbox keep it (an admin may reassign them).',
  request: { params: shareParams },
  responses: {
    200: jsonResponse(mailboxSharesSchema, 'Everyone the mailbox is still shared with'),
    ...errorResponses,
  },
});

export interface MailboxRouteOptions {
  /** TXT lookups for the health check; tests pass a fake so they run offline. */
  resolveTxt?: ResolveTxt;
}

const sharedWith = (userId: string) =>
  exists(
    sql`(select 1 from ${mailboxShares} where ${mailboxShares.mailboxId} = ${mailboxes.id} and ${mailboxShares.userId} = ${userId})`,
  );

function defaultResolveTxt(): ResolveTxt {
  const resolver = new Resolver({ timeout: 3000, tries: 2 });
  return (name) => resolver.resolveTxt(name);
}

export function mailboxRoutes(deps: AppDeps, opts: MailboxRouteOptions = {}) {
  const { db } = deps.database;
  const resolveTxt = opts.resolveTxt ?? defaultResolveTxt();
  const dto = (row: Parameters<typeof toMailboxDto>[0], sync?: Map<string, MailboxSyncRow>) =>
    toMailboxDto(row, deps.config, deps.now(), sync?.get(row.id));
  const syncRows = async (ids: string[]) => {
    const rows = ids.length
      ? await db.select().from(mailboxSync).where(inArray(mailboxSync.mailboxId, ids))
      : [];
    return new Map(rows.map((r) => [r.mailboxId, r]));
  };
  const ctx = (user: Parameters<typeof loadMailboxFor>[1]) => ({
    user,
    secretKey: deps.config.secretKey,
    now: deps.now(),
    allowInternalHosts: deps.config.allowPrivateProviderHosts ?? false,
  });
  return createRouter()
    .openapi(createRouteDef, async (c) => {
      const row = await createMailbox(db, c.req.valid('json'), ctx(c.get('user')));
      return c.json(dto(row), 201);
    })
    .openapi(listRouteDef, async (c) => {
      const user = c.get('user');
      const q = c.req.valid('query');
      const where: (SQL | undefined)[] = [eq(mailboxes.teamId, user.teamId)];
      if (q.shared === 'true') where.push(sharedWith(user.id));
      else if (user.role !== 'admin') where.push(eq(mailboxes.userId, user.id));
      else if (q.userId) where.push(eq(mailboxes.userId, q.userId));
      if (q.cursor) where.push(gt(mailboxes.id, q.cursor));
      const rows = await db
        .select()
        .from(mailboxes)
        .where(and(...where))
        .orderBy(asc(mailboxes.id))
        .limit(q.limit + 1);
      const page = toPage(rows, q.limit);
      const sync = await syncRows(page.items.map((r) => r.id));
      return c.json({ ...page, items: page.items.map((r) => dto(r, sync)) }, 200);
    })
    .openapi(getRouteDef, async (c) => {
      const row = await loadMailboxFor(db, c.get('user'), c.req.valid('param').id);
      return c.json(dto(row, await syncRows([row.id])), 200);
    })
    .openapi(patchRouteDef, async (c) => {
      const user = c.get('user');
      const row = await loadMailboxFor(db, user, c.req.valid('param').id);
      return c.json(dto(await updateMailbox(db, row.id, c.req.valid('json'), ctx(user))), 200);
    })
    .openapi(reconnectRouteDef, async (c) => {
      const user = c.get('user');
      const row = await loadMailboxFor(db, user, c.req.valid('param').id);
      const body = (c.req.valid('json') as z.infer<typeof reconnectBodySchema> | undefined) ?? {};
      const updated = await updateMailbox(
        db,
        row.id,
        { settings: body.settings },
        { ...ctx(user), reconnect: true },
      );
      return c.json(dto(updated), 200);
    })
    .openapi(deleteRouteDef, async (c) => {
      const user = c.get('user');
      const row = await loadMailboxFor(db, user, c.req.valid('param').id);
      const result = await deleteMailbox(db, row, { user, now: deps.now() });
      return c.json({ deleted: true as const, ...result }, 200);
    })
    .openapi(sharesRouteDef, async (c) => {
      const row = await loadMailboxFor(db, c.get('user'), c.req.valid('param').id);
      return c.json({ shares: await listMailboxShares(db, row.id) }, 200);
    })
    .openapi(shareRouteDef, async (c) => {
      const user = c.get('user');
      const row = await loadMailboxFor(db, user, c.req.valid('param').id);
      const shares = await shareMailbox(db, user, row, c.req.valid('json').userId, deps.now());
      return c.json({ shares }, 200);
    })
    .openapi(unshareRouteDef, async (c) => {
      const user = c.get('user');
      const { id, userId } = c.req.valid('param');
      const row = await loadMailboxFor(db, user, id);
      return c.json({ shares: await unshareMailbox(db, user, row, userId, deps.now()) }, 200);
    })
    .openapi(healthRouteDef, async (c) => {
      const row = await loadMailboxFor(db, c.get('user'), c.req.valid('param').id);
      const { selector } = c.req.valid('query');
      const domain = row.address.slice(row.address.lastIndexOf('@') + 1);
      const health = await checkDomainHealth(resolveTxt, {
        domain,
        provider: row.provider,
        selectors: selector?.split(','),
      });
      const mailbox = mailboxAdvice(row);
      return c.json(
        {
          mailboxId: row.id,
          checkedAt: deps.now().toISOString(),
          ...health,
          status: worst([health.status, mailbox.status]),
          mailbox,
        },
        200,
      );
    });
}
