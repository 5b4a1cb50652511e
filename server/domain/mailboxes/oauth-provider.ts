import { invalid } from '../errors';
import { OAuthFailure } from './oauth-failure';
import {
  idTokenEmail,
  type OAuthClient,
  type OAuthClients,
  type OAuthProviderName,
  pkceVerifier,
  profileAddress,
} from './oauth-link';

type Json = Record<string, unknown>;

/** What linking needs from outside: the provider endpoints and our own callback address. */
export interface OAuthEdges {
  clients: OAuthClients;
  secretKey: Buffer;
  publicUrl: string;
  fetch: typeof fetch;
}

export const redirectUri = (edges: Pick<OAuthEdges, 'publicUrl'>, provider: OAuthProviderName) =>
  `${edges.publicUrl.replace(/\/$/, '')}/api/oauth/${provider}/callback`;

export function configuredClient(
  clients: OAuthClients,
  provider: OAuthProviderName,
): OAuthClient & { clientId: string } {
  const client = clients[provider];
  if (!client.clientId) {
    const env = provider === 'google' ? 'STRIDE_GOOGLE_CLIENT_ID' : 'STRIDE_MICROSOFT_CLIENT_ID';
    throw new OAuthFailure(
      'not_configured',
      'oauth_not_configured',
      `${provider} linking is not set up on this server (${env})`,
    );
  }
  return client as OAuthClient & { clientId: string };
}

async function postForm(fetchFn: typeof fetch, url: string, form: URLSearchParams) {
  const res = await fetchFn(url, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
    body: form,
    signal: AbortSignal.timeout(15_000),
  });
  const body = (await res.json().catch(() => ({}))) as Json;
  return { status: res.status, ok: res.ok, body };
}

/** Trades the authorization code (with the PKCE verifier) for tokens. */
export async function exchangeCode(
  edges: OAuthEdges,
  provider: OAuthProviderName,
  code: string,
  nonce: string,
) {
  const client = configuredClient(edges.clients, provider);
  const form = new URLSearchParams({
    grant_type: 'authorization_code',
    code,
    redirect_uri: redirectUri(edges, provider),
    client_id: client.clientId,
    code_verifier: pkceVerifier(edges.secretKey, nonce),
  });
  if (client.clientSecret) form.set('client_secret', client.clientSecret);
  const res = await postForm(edges.fetch, client.tokenUrl, form);
  if (!res.ok || typeof res.body.access_token !== 'string') {
    const why = [res.body.error, res.body.error_description].filter((v) => typeof v === 'string').join(': ');
    const detail = `${provider} refused the code (HTTP ${res.status}${why ? `, ${why}` : ''})`;
    // 400/401 is the code or client being wrong: start again; anything else is the provider's trouble.
    throw res.status === 400 || res.status === 401
      ? invalid(detail)
      : new OAuthFailure('provider_failed', 'oauth_exchange_failed', detail);
  }
  return { client, tokens: res.body as Json & { access_token: string } };
}

/** The mailbox address: from Google's id token when it has one, else from the profile endpoint. */
export async function linkedAddress(
  edges: OAuthEdges,
  provider: OAuthProviderName,
  client: OAuthClient,
  tokens: Json & { access_token: string },
): Promise<string> {
  const fromIdToken = provider === 'google' ? idTokenEmail(tokens.id_token) : null;
  if (fromIdToken) return fromIdToken;
  const res = await edges.fetch(client.profileUrl, {
    headers: { authorization: `Bearer ${tokens.access_token}`, accept: 'application/json' },
    signal: AbortSignal.timeout(15_000),
  });
  const address = res.ok ? profileAddress(provider, await res.json().catch(() => null)) : null;
  if (!address) {
    throw new OAuthFailure(
      'provider_failed',
      'oauth_profile_failed',
      `could not learn the mailbox address from ${provider}`,
    );
  }
  return address;
}
