import type { AppDeps } from '../../app-env';
import { getEmail } from '../../domain/emails/get-email';
import { listEmails } from '../../domain/emails/list-emails';
import { retryEmails } from '../../domain/emails/retry-emails';
import type { AppRouteHandler } from '../../http/router';
import type { GetEmailRoute, ListEmailsRoute, RetryEmailsRoute } from './emails.routes';

export function emailHandlers(deps: AppDeps) {
  const { db } = deps.database;
  const listEmailsHandler: AppRouteHandler<ListEmailsRoute> = async (c) =>
    c.json(await listEmails({ db }, c.get('user'), c.req.valid('query')), 200);
  const getEmailHandler: AppRouteHandler<GetEmailRoute> = async (c) =>
    c.json(await getEmail({ db }, c.get('user'), c.req.valid('param').id), 200);
  const retryEmailsHandler: AppRouteHandler<RetryEmailsRoute> = async (c) => {
    return c.json(await retryEmails({ db, now: deps.now() }, c.get('user'), c.req.valid('json')), 200);
  };
  return { listEmails: listEmailsHandler, getEmail: getEmailHandler, retryEmails: retryEmailsHandler };
}
