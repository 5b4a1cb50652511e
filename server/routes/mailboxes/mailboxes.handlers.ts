import { Resolver } from 'node:dns/promises';
import type { z } from '@hono/zod-openapi';
import type { AppDeps } from '../../app-env';
import { checkMailboxHealth } from '../../domain/mailboxes/check-mailbox-health';
import { createMailbox } from '../../domain/mailboxes/create-mailbox';
import { deleteMailbox } from '../../domain/mailboxes/delete-mailbox';
import type { ResolveTxt } from '../../domain/mailboxes/domain-health';
import { getMailbox } from '../../domain/mailboxes/get-mailbox';
import { listMailboxes } from '../../domain/mailboxes/list-mailboxes';
import { patchMailbox } from '../../domain/mailboxes/patch-mailbox';
import { reconnectMailbox } from '../../domain/mailboxes/reconnect-mailbox';
import { getMailboxShares, shareMailbox, unshareMailbox } from '../../domain/mailboxes/share-mailbox';
import type { AppRouteHandler } from '../../http/router';
import type {
  CheckMailboxHealthRoute,
  CreateMailboxRoute,
  DeleteMailboxRoute,
  GetMailboxRoute,
  ListMailboxesRoute,
  ListMailboxSharesRoute,
  PatchMailboxRoute,
  ReconnectMailboxRoute,
  reconnectBodySchema,
  ShareMailboxRoute,
  UnshareMailboxRoute,
} from './mailboxes.routes';

export interface MailboxRouteOptions {
  /** TXT lookups for the health check; tests pass a fake so they run offline. */
  resolveTxt?: ResolveTxt;
}

function defaultResolveTxt(): ResolveTxt {
  const resolver = new Resolver({ timeout: 3000, tries: 2 });
  return (name) => resolver.resolveTxt(name);
}

export function mailboxHandlers(deps: AppDeps, opts: MailboxRouteOptions = {}) {
  const { db } = deps.database;
  const resolveTxt = opts.resolveTxt ?? defaultResolveTxt();
  const at = () => ({ db, now: deps.now(), config: deps.config });
  const createMailboxHandler: AppRouteHandler<CreateMailboxRoute> = async (c) =>
    c.json(await createMailbox(at(), c.get('user'), c.req.valid('json')), 201);
  const listMailboxesHandler: AppRouteHandler<ListMailboxesRoute> = async (c) =>
    c.json(await listMailboxes(at(), c.get('user'), c.req.valid('query')), 200);
  const getMailboxHandler: AppRouteHandler<GetMailboxRoute> = async (c) =>
    c.json(await getMailbox(at(), c.get('user'), c.req.valid('param').id), 200);
  const patchMailboxHandler: AppRouteHandler<PatchMailboxRoute> = async (c) =>
    c.json(await patchMailbox(at(), c.get('user'), c.req.valid('param').id, c.req.valid('json')), 200);
  const reconnectMailboxHandler: AppRouteHandler<ReconnectMailboxRoute> = async (c) => {
    // The body is optional: without one, the stored settings are used if complete.
    const body = (c.req.valid('json') as z.infer<typeof reconnectBodySchema> | undefined) ?? {};
    return c.json(await reconnectMailbox(at(), c.get('user'), c.req.valid('param').id, body), 200);
  };
  const deleteMailboxHandler: AppRouteHandler<DeleteMailboxRoute> = async (c) =>
    c.json(await deleteMailbox(at(), c.get('user'), c.req.valid('param').id), 200);
  const listMailboxSharesHandler: AppRouteHandler<ListMailboxSharesRoute> = async (c) =>
    c.json(await getMailboxShares({ db }, c.get('user'), c.req.valid('param').id), 200);
  const shareMailboxHandler: AppRouteHandler<ShareMailboxRoute> = async (c) =>
    c.json(await shareMailbox(at(), c.get('user'), c.req.valid('param').id, c.req.valid('json')), 200);
  const unshareMailboxHandler: AppRouteHandler<UnshareMailboxRoute> = async (c) =>
    c.json(await unshareMailbox(at(), c.get('user'), c.req.valid('param')), 200);
  const checkMailboxHealthHandler: AppRouteHandler<CheckMailboxHealthRoute> = async (c) =>
    c.json(
      await checkMailboxHealth(
        { db, now: deps.now(), resolveTxt },
        c.get('user'),
        c.req.valid('param').id,
        c.req.valid('query'),
      ),
      200,
    );
  return {
    createMailbox: createMailboxHandler,
    listMailboxes: listMailboxesHandler,
    getMailbox: getMailboxHandler,
    patchMailbox: patchMailboxHandler,
    reconnectMailbox: reconnectMailboxHandler,
    deleteMailbox: deleteMailboxHandler,
    listMailboxShares: listMailboxSharesHandler,
    shareMailbox: shareMailboxHandler,
    unshareMailbox: unshareMailboxHandler,
    checkMailboxHealth: checkMailboxHealthHandler,
  };
}
