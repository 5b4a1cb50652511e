import type { Context } from 'hono';
import type { AppDeps, AppEnv } from '../../app-env';
import { completeOAuthLink } from '../../domain/mailboxes/complete-oauth-link';
import { defaultOAuthClients, type OAuthClients } from '../../domain/mailboxes/oauth-link';
import { startOAuthLink } from '../../domain/mailboxes/start-oauth-link';
import type { AppRouteHandler } from '../../http/router';
import { oauthErrorStatus, toApiError } from './oauth.errors';
import type { CompleteOAuthLinkRoute, StartOAuthLinkRoute } from './oauth.routes';

export interface OAuthRouteOptions {
  /** Endpoints and client credentials per provider; defaults to the real ones and STRIDE_* env. */
  clients?: OAuthClients;
}

const escapeHtml = (s: string) =>
  s.replace(
    /[&<>"']/g,
    (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[ch] ?? ch,
  );

function htmlPage(title: string, text: string, attrs = ''): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title></head>
<body style="font-family:system-ui,sans-serif;max-width:32rem;margin:4rem auto"${attrs}><h1>${escapeHtml(title)}</h1><p>${escapeHtml(text)}</p></body></html>`;
}

const wantsJson = (c: Context<AppEnv>) => (c.req.header('accept') ?? '').includes('application/json');

export function oauthHandlers(deps: AppDeps, opts: OAuthRouteOptions = {}) {
  const { db } = deps.database;
  const edges = {
    clients: opts.clients ?? defaultOAuthClients(),
    secretKey: deps.config.secretKey,
    publicUrl: deps.config.publicUrl,
    fetch: deps.fetch,
  };
  const startOAuthLinkHandler: AppRouteHandler<StartOAuthLinkRoute> = (c) => {
    try {
      const input = { provider: c.req.valid('param').provider, loginHint: c.req.valid('query').loginHint };
      return c.json(startOAuthLink({ ...edges, now: deps.now() }, c.get('user'), input), 200);
    } catch (err) {
      throw toApiError(err);
    }
  };
  const completeOAuthLinkHandler: AppRouteHandler<CompleteOAuthLinkRoute> = async (c) => {
    try {
      const q = { provider: c.req.valid('param').provider, ...c.req.valid('query') };
      const { created, mailbox } = await completeOAuthLink({ ...edges, db, now: deps.now() }, q);
      if (wantsJson(c)) return c.json({ created, mailbox }, 200);
      const text = `${mailbox.address} is ${created ? 'linked' : 'reconnected'}. You can close this window.`;
      return c.html(
        htmlPage('Mailbox linked', text, ` data-stride-mailbox-id="${escapeHtml(mailbox.id)}"`),
        200,
      );
    } catch (err) {
      // The browser that came back from the provider gets a page; an API caller the JSON envelope.
      const status = oauthErrorStatus(err);
      if (status === null || wantsJson(c)) throw toApiError(err);
      c.header('Cache-Control', 'no-store');
      return c.html(htmlPage('Mailbox not linked', (err as Error).message), status as 400 | 409 | 502);
    }
  };
  return { startOAuthLink: startOAuthLinkHandler, completeOAuthLink: completeOAuthLinkHandler };
}
