import { createRoute, z } from '@hono/zod-openapi';
import { and, eq, sql } from 'drizzle-orm';
import type { Context } from 'hono';
import { oauthAuthorizeResultSchema } from '../../shared/schemas/mailbox';
import type { AppDeps, AppEnv, AuthUser } from '../app-env';
import { mailboxes, users } from '../db/schema';
import { addressRuleViolations } from '../domain/mailboxes/address-rules';
import { mailboxDtoSchema, toMailboxDto } from '../domain/mailboxes/mailbox-dto';
import { createMailbox, updateMailbox } from '../domain/mailboxes/mailbox-writes';
import {
  authorizeUrl,
  defaultOAuthClients,
  idTokenEmail,
  newState,
  type OAuthClient,
  type OAuthClients,
  type OAuthProviderName,
  pkceChallenge,
  pkceVerifier,
  profileAddress,
  verifyState,
} from '../domain/mailboxes/oauth-link';
import { ApiError, badRequest, conflict } from '../http/api-error';
import { createRouter, errorResponses, jsonResponse } from '../http/router';

const providerParam = z.object({ provider: z.enum(['google', 'microsoft']) });

const authorizeRoute = createRoute({
  method: 'get',
  path: '/oauth/{provider}/authorize',
  tags: ['oauth'],
  security: [{ bearer: [] }],
  description:
    'Starts linking a Gmail (google) or Outlook (microsoft) mailbox: open `url` in a browser. The state is ' +
    'signed and expires in 10 minutes; PKCE S256 is used.',
  request: { params: providerParam, query: z.object({ loginHint: z.email().optional() }) },
  responses: {
    200: jsonResponse(oauthAuthorizeResultSchema, 'Where to send the browser'),
    503: { ...errorResponses[404], description: 'No OAuth client configured for this provider' },
    ...errorResponses,
  },
});

const callbackRoute = createRoute({
  method: 'get',
  path: '/oauth/{provider}/callback',
  tags: ['oauth'],
  description:
    'Where the provider sends the browser back (no bearer: the signed state names the user). Exchanges the code, ' +
    'learns the address and creates the mailbox, or reconnects the caller’s mailbox of that address. Answers ' +
    'HTML, or JSON when the request accepts application/json.',
  request: {
    params: providerParam,
    query: z.object({
      code: z.string().max(4000).optional(),
      state: z.string().max(1000).optional(),
      error: z.string().max(200).optional(),
      error_description: z.string().max(1000).optional(),
    }),
  },
  responses: {
    200: {
      description: 'Linked',
      content: {
        'application/json': { schema: z.object({ created: z.boolean(), mailbox: mailboxDtoSchema }) },
        'text/html': { schema: z.string() },
      },
    },
    400: { ...errorResponses[400], description: 'Invalid or expired state, refused code, unusable address' },
    409: {
      ...errorResponses[400],
      description: 'The address is linked by someone else, or as another provider',
    },
    502: { ...errorResponses[400], description: 'The provider’s token or profile endpoint failed' },
  },
});

export interface OAuthRouteOptions {
  /** Endpoints and client credentials per provider; defaults to the real ones and STRIDE_* env. */
  clients?: OAuthClients;
}

type Json = Record<string, unknown>;

async function postForm(deps: AppDeps, url: string, form: URLSearchParams) {
  const res = await deps.fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
    body: form,
    signal: AbortSignal.timeout(15_000),
  });
  const body = (await res.json().catch(() => ({}))) as Json;
  return { status: res.status, ok: res.ok, body };
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

export function oauthRoutes(deps: AppDeps, opts: OAuthRouteOptions = {}) {
  const { db } = deps.database;
  const clients = opts.clients ?? defaultOAuthClients();
  const key = deps.config.secretKey;
  const redirectUri = (provider: OAuthProviderName) =>
    `${deps.config.publicUrl.replace(/\/$/, '')}/api/oauth/${provider}/callback`;

  function configured(provider: OAuthProviderName): OAuthClient & { clientId: string } {
    const client = clients[provider];
    if (!client.clientId) {
      const env = provider === 'google' ? 'STRIDE_GOOGLE_CLIENT_ID' : 'STRIDE_MICROSOFT_CLIENT_ID';
      throw new ApiError(
        503,
        'oauth_not_configured',
        `${provider} linking is not set up on this server (${env})`,
      );
    }
    return client as OAuthClient & { clientId: string };
  }

  async function exchange(provider: OAuthProviderName, code: string, nonce: string) {
    const client = configured(provider);
    const form = new URLSearchParams({
      grant_type: 'authorization_code',
      code,
      redirect_uri: redirectUri(provider),
      client_id: client.clientId,
      code_verifier: pkceVerifier(key, nonce),
    });
    if (client.clientSecret) form.set('client_secret', client.clientSecret);
    const res = await postForm(deps, client.tokenUrl, form);
    if (!res.ok || typeof res.body.access_token !== 'string') {
      const why = [res.body.error, res.body.error_description]
        .filter((v) => typeof v === 'string')
        .join(': ');
      const detail = `${provider} refused the code (HTTP ${res.status}${why ? `, ${why}` : ''})`;
      // 400/401 is the code or client being wrong: start again; anything else is the provider's trouble.
      throw res.status === 400 || res.status === 401
        ? badRequest(detail)
        : new ApiError(502, 'oauth_exchange_failed', detail);
    }
    return { client, tokens: res.body as Json & { access_token: string } };
  }

  async function addressOf(
    provider: OAuthProviderName,
    client: OAuthClient,
    tokens: Json & { access_token: string },
  ) {
    const fromIdToken = provider === 'google' ? idTokenEmail(tokens.id_token) : null;
    if (fromIdToken) return fromIdToken;
    const res = await deps.fetch(client.profileUrl, {
      headers: { authorization: `Bearer ${tokens.access_token}`, accept: 'application/json' },
      signal: AbortSignal.timeout(15_000),
    });
    const address = res.ok ? profileAddress(provider, await res.json().catch(() => null)) : null;
    if (!address)
      throw new ApiError(502, 'oauth_profile_failed', `could not learn the mailbox address from ${provider}`);
    return address;
  }

  async function link(provider: OAuthProviderName, code: string, stateToken: string) {
    const now = deps.now();
    const check = verifyState(key, stateToken, provider, now);
    if (!check.ok) throw badRequest(`invalid state: ${check.problem}`);
    const [user] = await db
      .select({ id: users.id, teamId: users.teamId, email: users.email, name: users.name, role: users.role })
      .from(users)
      .where(eq(users.id, check.state.userId));
    if (!user) throw badRequest('invalid state: the user who started this no longer exists');
    const { client, tokens } = await exchange(provider, code, check.state.nonce);
    const address = (await addressOf(provider, client, tokens)).trim();
    const problems = addressRuleViolations(address);
    if (problems.length > 0)
      throw badRequest(`${address} cannot be linked: the address ${problems.join('; ')}`);
    const defaults = defaultOAuthClients({});
    const settings = {
      accessToken: tokens.access_token,
      ...(typeof tokens.refresh_token === 'string' && { refreshToken: tokens.refresh_token }),
      ...(client.tokenUrl !== defaults[provider].tokenUrl && { tokenUrl: client.tokenUrl }),
      clientId: client.clientId,
      ...(client.clientSecret && { clientSecret: client.clientSecret }),
      ...(typeof tokens.expires_in === 'number' && {
        accessTokenExpiresAt: new Date(now.getTime() + tokens.expires_in * 1000).toISOString(),
      }),
    };
    const ctx = { user: user as AuthUser, secretKey: key, now };
    const [existing] = await db
      .select()
      .from(mailboxes)
      .where(
        and(eq(mailboxes.teamId, user.teamId), sql`lower(${mailboxes.address}) = ${address.toLowerCase()}`),
      );
    if (existing) {
      if (existing.userId !== user.id)
        throw conflict(`${address} is already linked by another user of your team`);
      if (existing.provider !== client.mailboxProvider) {
        throw conflict(`${address} is already linked as a ${existing.provider} mailbox; unlink it first`);
      }
      return {
        created: false,
        row: await updateMailbox(db, existing.id, { settings }, { ...ctx, reconnect: true }),
      };
    }
    const row = await createMailbox(db, { provider: client.mailboxProvider, address, settings }, ctx);
    return { created: true, row };
  }

  const wantsJson = (c: Context<AppEnv>) => (c.req.header('accept') ?? '').includes('application/json');

  return createRouter()
    .openapi(authorizeRoute, (c) => {
      const { provider } = c.req.valid('param');
      const client = configured(provider);
      const { state, token } = newState(key, provider, c.get('user').id, deps.now());
      const url = authorizeUrl(client, {
        clientId: client.clientId,
        redirectUri: redirectUri(provider),
        state: token,
        challenge: pkceChallenge(pkceVerifier(key, state.nonce)),
        loginHint: c.req.valid('query').loginHint,
      });
      return c.json({ url, state: token, expiresAt: new Date(state.expiresAt).toISOString() }, 200);
    })
    .openapi(callbackRoute, async (c) => {
      const { provider } = c.req.valid('param');
      const q = c.req.valid('query');
      try {
        if (q.error) throw badRequest(`linking was not completed: ${q.error_description ?? q.error}`);
        if (!q.code || !q.state) throw badRequest('the callback needs code and state');
        const { created, row } = await link(provider, q.code, q.state);
        const mailbox = toMailboxDto(row, deps.config, deps.now());
        if (wantsJson(c)) return c.json({ created, mailbox }, 200);
        const text = `${mailbox.address} is ${created ? 'linked' : 'reconnected'}. You can close this window.`;
        return c.html(
          htmlPage('Mailbox linked', text, ` data-stride-mailbox-id="${escapeHtml(mailbox.id)}"`),
          200,
        );
      } catch (err) {
        if (!(err instanceof ApiError) || wantsJson(c)) throw err;
        c.header('Cache-Control', 'no-store');
        return c.html(htmlPage('Mailbox not linked', err.message), err.status as 400 | 409 | 502);
      }
    });
}
