import { createRoute, z } from '@hono/zod-openapi';
import { idParamSchema, idSchema } from '../../../shared/schemas/common';
import {
  createMailboxSchema,
  mailboxHealthSchema,
  mailboxUnlinkResultSchema,
  patchMailboxSchema,
} from '../../../shared/schemas/mailbox';
import { addressRuleViolations } from '../../domain/mailboxes/address-rules';
import { mailboxDtoSchema } from '../../domain/mailboxes/mailbox-dto';
import { MAX_MAILBOXES_PER_USER } from '../../domain/mailboxes/mailbox-writes';
import { listRoute } from '../../http/list-route';
import { errorResponses, jsonBody, jsonResponse } from '../../http/router';

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
export const reconnectBodySchema = z.object({ settings: settingsPatch }).strict();

const selectorSchema = z
  .string()
  .regex(/^[A-Za-z0-9._-]{1,63}(,[A-Za-z0-9._-]{1,63}){0,9}$/, 'one to ten DKIM selectors, comma-separated')
  .optional()
  .openapi({ description: 'DKIM selector(s) to check; default google, selector1, selector2, k1' });

const tags = ['mailboxes'];
const security = [{ bearer: [] }];
const conflictResponse = { 409: { ...errorResponses[400], description: 'Conflict (see error.code)' } };

export const createMailbox = createRoute({
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
export const listMailboxes = listRoute({
  path: '/mailboxes',
  tags,
  description: 'The caller’s mailboxes; for an admin, the whole team’s.',
  item: mailboxDtoSchema,
  holds: 'Mailboxes',
  filters: {
    userId: idSchema.optional().openapi({ description: 'Admins: only this user’s mailboxes' }),
    shared: z.enum(['true', 'false']).optional().openapi({
      description: '`true`: the mailboxes colleagues shared with the caller, instead of their own',
    }),
  },
});
export const getMailbox = createRoute({
  method: 'get',
  path: '/mailboxes/{id}',
  tags,
  security,
  request: { params: idParamSchema },
  responses: { 200: jsonResponse(mailboxDtoSchema, 'The mailbox'), ...errorResponses },
});
export const patchMailbox = createRoute({
  method: 'patch',
  path: '/mailboxes/{id}',
  tags,
  security,
  description:
    'Changes limits, name, signature, switches; new settings re-encrypt and reconnect an inactive mailbox.',
  request: { params: idParamSchema, body: jsonBody(patchBodySchema) },
  responses: { 200: jsonResponse(mailboxDtoSchema, 'The mailbox'), ...errorResponses },
});
export const reconnectMailbox = createRoute({
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
export const deleteMailbox = createRoute({
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
export const checkMailboxHealth = createRoute({
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
export const listMailboxShares = createRoute({
  method: 'get',
  path: '/mailboxes/{id}/shares',
  tags,
  security,
  description: 'Who besides the owner may send through this mailbox (owner or admin only).',
  request: { params: idParamSchema },
  responses: { 200: jsonResponse(mailboxSharesSchema, 'The shares'), ...errorResponses },
});
export const shareMailbox = createRoute({
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
export const unshareMailbox = createRoute({
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

export type CreateMailboxRoute = typeof createMailbox;
export type ListMailboxesRoute = typeof listMailboxes;
export type GetMailboxRoute = typeof getMailbox;
export type PatchMailboxRoute = typeof patchMailbox;
export type ReconnectMailboxRoute = typeof reconnectMailbox;
export type DeleteMailboxRoute = typeof deleteMailbox;
export type CheckMailboxHealthRoute = typeof checkMailboxHealth;
export type ListMailboxSharesRoute = typeof listMailboxShares;
export type ShareMailboxRoute = typeof shareMailbox;
export type UnshareMailboxRoute = typeof unshareMailbox;
