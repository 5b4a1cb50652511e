import { createHash } from 'node:crypto';
import { OpenAPIHono } from '@hono/zod-openapi';
import { eq } from 'drizzle-orm';
import { Hono } from 'hono';
import { beforeAll, describe, expect, it } from 'vitest';
import type { AppEnv } from '../../../server/app-env';
import { mailboxes } from '../../../server/db/schema';
import { mailboxProviderSettings } from '../../../server/domain/mailboxes/mailbox-settings';
import { defaultOAuthClients, type OAuthClients } from '../../../server/domain/mailboxes/oauth-link';
import { createOnError } from '../../../server/http/on-error';
import { requireAuth } from '../../../server/http/require-auth';
import { oauthRoutes } from '../../../server/routes/oauth/oauth.index';
import { useTestApp } from '../helpers/test-app';
import { backends } from '../helpers/test-database';

interface TokenCall {
  form: Record<string, string>;
}

/** Google's and Microsoft's token and profile endpoints, as far as the link flow uses them. */
function identityProvider() {
  const calls: TokenCall[] = [];
  const accounts = { google: 'rep.g@gmail-co.test', microsoft: 'rep.m@outlook-co.test' };
  let refuse = false;
  let issued = 0;
  const idToken = (email: string) =>
    `eyJhbGciOiJSUzI1NiJ9.${Buffer.from(JSON.stringify({ email, email_verified: true })).toString('base64url')}.sig`;
  const app = new Hono();
  app.post('/:idp/token', async (c) => {
    const form = Object.fromEntries(new URLSearchParams(await c.req.text())) as Record<string, string>;
    calls.push({ form });
    if (refuse || form.code !== 'good-code' || form.grant_type !== 'authorization_code') {
      return c.json({ error: 'invalid_grant', error_description: 'Bad code' }, 400);
    }
    issued += 1;
    const idp = c.req.param('idp') as 'google' | 'microsoft';
    return c.json({
      access_token: `access-${idp}-${issued}`,
      refresh_token: `refresh-${idp}-${issued}`,
      expires_in: 3600,
      token_type: 'Bearer',
      ...(idp === 'google' && { id_token: idToken(accounts.google) }),
    });
  });
  app.get('/graph/me', (c) =>
    c.req.header('authorization')?.startsWith('Bearer access-microsoft-')
      ? c.json({ mail: accounts.microsoft, userPrincipalName: 'upn@outlook-co.test' })
      : c.json({ error: { code: 'InvalidAuthenticationToken' } }, 401),
  );
  const fetch = ((input: string | URL | Request, init?: RequestInit) =>
    app.request(String(input instanceof Request ? input.url : input), init)) as typeof globalThis.fetch;
  const base = defaultOAuthClients({});
  const clients: OAuthClients = {
    google: {
      ...base.google,
      tokenUrl: 'https://idp.test/google/token',
      clientId: 'g-client',
      clientSecret: 'g-secret',
    },
    microsoft: {
      ...base.microsoft,
      tokenUrl: 'https://idp.test/microsoft/token',
      profileUrl: 'https://idp.test/graph/me',
      clientId: 'm-client',
      clientSecret: 'm-secret',
    },
  };
  return {
    fetch,
    clients,
    calls,
    accounts,
    refuse: (on: boolean) => {
      refuse = on;
    },
  };
}

describe.each(backends)('OAuth mailbox linking (%s)', (backend) => {
  const t = useTestApp(backend);
  const idp = identityProvider();
  let app: OpenAPIHono<AppEnv>;

  beforeAll(() => {
    // The production public-path rule, with the routes under test wired to the stand-in provider.
    app = new OpenAPIHono<AppEnv>();
    app.onError(createOnError({ error: () => {}, info: () => {}, warn: () => {} }));
    const auth = requireAuth(t.deps);
    app.use('/api/*', (c, next) =>
      /^\/api\/oauth\/[a-z]+\/callback$/.test(c.req.path) ? next() : auth(c, next),
    );
    app.route('/api', oauthRoutes({ ...t.deps, fetch: idp.fetch }, { clients: idp.clients }));
  });

  async function authorize(provider: 'google' | 'microsoft', token = t.adminToken) {
    const res = await app.request(`/api/oauth/${provider}/authorize`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { url: string; state: string };
    return { ...body, params: new URL(body.url).searchParams };
  }

  const callback = (provider: string, query: Record<string, string>, json = true) =>
    app.request(`/api/oauth/${provider}/callback?${new URLSearchParams(query)}`, {
      headers: json ? { accept: 'application/json' } : {},
    });

  const mailboxRow = async (address: string) =>
    (await t.db.database.db.select().from(mailboxes).where(eq(mailboxes.address, address)))[0];

  it('authorize gives a URL with a signed state and a PKCE S256 challenge', async () => {
    const { url, state, params } = await authorize('google');
    expect(url.startsWith('https://accounts.google.com/o/oauth2/v2/auth?')).toBe(true);
    expect(params.get('state')).toBe(state);
    expect(state).toMatch(/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]{43}$/);
    expect(params.get('code_challenge_method')).toBe('S256');
    expect(params.get('code_challenge')).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(params.get('client_id')).toBe('g-client');
    expect(params.get('redirect_uri')).toBe('http://stride.test/api/oauth/google/callback');
    expect(params.get('scope')).toContain('gmail.send');
    expect(url).not.toContain('code_verifier');
  });

  it('the callback exchanges the code with the PKCE verifier and creates a Gmail mailbox', async () => {
    const { state, params } = await authorize('google');
    const res = await callback('google', { code: 'good-code', state });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { created: boolean; mailbox: Record<string, unknown> };
    expect(body.created).toBe(true);
    expect(body.mailbox).toMatchObject({
      provider: 'gmail',
      address: idp.accounts.google,
      status: 'active',
      hasCredentials: true,
      settingsHints: { hasRefreshToken: true },
    });
    expect(JSON.stringify(body)).not.toMatch(/access-google|refresh-google|g-secret/);
    const call = idp.calls.at(-1)!;
    expect(call.form).toMatchObject({
      grant_type: 'authorization_code',
      code: 'good-code',
      client_id: 'g-client',
      client_secret: 'g-secret',
      redirect_uri: 'http://stride.test/api/oauth/google/callback',
    });
    expect(createHash('sha256').update(call.form.code_verifier!).digest('base64url')).toBe(
      params.get('code_challenge'),
    );
    const row = await mailboxRow(idp.accounts.google);
    expect(mailboxProviderSettings(t.deps.config.secretKey, row!)).toMatchObject({
      accessToken: 'access-google-1',
      refreshToken: 'refresh-google-1',
      tokenUrl: 'https://idp.test/google/token',
      clientId: 'g-client',
      clientSecret: 'g-secret',
    });
  });

  it('linking the same account again reconnects the inactive mailbox with fresh tokens (HTML answer)', async () => {
    const row = await mailboxRow(idp.accounts.google);
    await t.db.database.db
      .update(mailboxes)
      .set({ status: 'inactive', inactiveReason: 'token refresh failed: invalid_grant' })
      .where(eq(mailboxes.id, row!.id));
    const { state } = await authorize('google');
    const res = await callback('google', { code: 'good-code', state }, false);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/html');
    const html = await res.text();
    expect(html).toContain(`${idp.accounts.google} is reconnected`);
    expect(html).toContain(`data-stride-mailbox-id="${row!.id}"`);
    const after = await mailboxRow(idp.accounts.google);
    expect(after).toMatchObject({ id: row!.id, status: 'active', inactiveReason: null });
    expect(mailboxProviderSettings(t.deps.config.secretKey, after!).accessToken).toBe('access-google-2');
  });

  it('Microsoft: learns the address from Graph /me and creates an Outlook mailbox', async () => {
    const { state } = await authorize('microsoft');
    const res = await callback('microsoft', { code: 'good-code', state });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { mailbox: { provider: string; address: string } };
    expect(body.mailbox).toMatchObject({ provider: 'outlook', address: idp.accounts.microsoft });
  });

  it('refuses tampered, expired, cross-provider and missing state with 400, exchanging nothing', async () => {
    const before = idp.calls.length;
    const count = async () => (await t.db.database.db.select().from(mailboxes)).length;
    const mailboxesBefore = await count();
    const { state } = await authorize('google');
    const [payload, sig] = state.split('.') as [string, string];
    const cases: Record<string, string>[] = [
      { code: 'good-code', state: `${payload}.${sig[0] === 'A' ? 'B' : 'A'}${sig.slice(1)}` },
      { code: 'good-code', state: `${payload}x.${sig}` },
      { code: 'good-code' },
      { state },
      { error: 'access_denied', state },
    ];
    for (const q of cases) {
      const res = await callback('google', q);
      expect(res.status).toBe(400);
    }
    expect((await callback('microsoft', { code: 'good-code', state })).status).toBe(400);
    t.clock.advance(11 * 60_000);
    const expired = await callback('google', { code: 'good-code', state });
    expect(expired.status).toBe(400);
    expect(((await expired.json()) as { error: { message: string } }).error.message).toContain('expired');
    expect(idp.calls.length).toBe(before);
    expect(await count()).toBe(mailboxesBefore);
  });

  it('a refused code is a 400 with the provider’s words', async () => {
    const { state } = await authorize('google');
    const res = await callback('google', { code: 'stale-code', state });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: { message: string } }).error.message).toContain('invalid_grant');
  });

  it('will not take over an address another user linked', async () => {
    const rep = await t.createUser('rep');
    const { state } = await authorize('google', rep.token);
    const res = await callback('google', { code: 'good-code', state });
    expect(res.status).toBe(409);
    const row = await mailboxRow(idp.accounts.google);
    expect(row!.userId).not.toBe(rep.id);
  });

  it('in the real app: authorize needs a token, the callback is public, unconfigured clients say so', async () => {
    expect((await t.call('GET', '/api/oauth/google/authorize', { token: null })).status).toBe(401);
    const cb = await t.call('GET', '/api/oauth/google/callback?code=x&state=y', {
      token: null,
      headers: { accept: 'application/json' },
    });
    expect(cb.status).toBe(400);
    const unconfigured = new OpenAPIHono<AppEnv>();
    unconfigured.onError(createOnError({ error: () => {}, info: () => {}, warn: () => {} }));
    unconfigured.use('/api/*', requireAuth(t.deps));
    unconfigured.route('/api', oauthRoutes(t.deps, { clients: defaultOAuthClients({}) }));
    const r = await unconfigured.request('/api/oauth/microsoft/authorize', {
      headers: { authorization: `Bearer ${t.adminToken}` },
    });
    expect(r.status).toBe(503);
    expect(((await r.json()) as { error: { code: string; message: string } }).error).toMatchObject({
      code: 'oauth_not_configured',
      message: expect.stringContaining('STRIDE_MICROSOFT_CLIENT_ID'),
    });
    expect((await t.call('GET', '/api/oauth/yahoo/authorize')).status).toBe(400);
  });
});
