import { createHash, createHmac, randomBytes } from 'node:crypto';
import { sameSignature } from '../same-signature';

export type OAuthProviderName = 'google' | 'microsoft';

export interface OAuthClient {
  mailboxProvider: 'gmail' | 'outlook';
  authorizeUrl: string;
  tokenUrl: string;
  /** Google: OpenID userinfo; Microsoft: Graph /me. Asked when the token answer names no address. */
  profileUrl: string;
  clientId: string | undefined;
  clientSecret: string | undefined;
  scopes: string[];
  /** Extra authorize parameters (Google needs these to hand out a refresh token). */
  extraParams: Record<string, string>;
}

export type OAuthClients = Record<OAuthProviderName, OAuthClient>;

/** Real endpoints; client credentials from the environment, read once when the app is created. */
export function defaultOAuthClients(env: Record<string, string | undefined> = process.env): OAuthClients {
  return {
    google: {
      mailboxProvider: 'gmail',
      authorizeUrl: 'https://accounts.google.com/o/oauth2/v2/auth',
      tokenUrl: 'https://oauth2.googleapis.com/token',
      profileUrl: 'https://openidconnect.googleapis.com/v1/userinfo',
      clientId: env.STRIDE_GOOGLE_CLIENT_ID || undefined,
      clientSecret: env.STRIDE_GOOGLE_CLIENT_SECRET || undefined,
      // gmail.readonly is what reconcile needs to ask "did this Message-ID go out?".
      scopes: [
        'openid',
        'email',
        'https://www.googleapis.com/auth/gmail.send',
        'https://www.googleapis.com/auth/gmail.readonly',
      ],
      extraParams: { access_type: 'offline', prompt: 'consent', include_granted_scopes: 'true' },
    },
    microsoft: {
      mailboxProvider: 'outlook',
      authorizeUrl: 'https://login.microsoftonline.com/common/oauth2/v2.0/authorize',
      tokenUrl: 'https://login.microsoftonline.com/common/oauth2/v2.0/token',
      profileUrl: 'https://graph.microsoft.com/v1.0/me',
      clientId: env.STRIDE_MICROSOFT_CLIENT_ID || undefined,
      clientSecret: env.STRIDE_MICROSOFT_CLIENT_SECRET || undefined,
      // Mail.ReadWrite: replies go through createReply drafts, and reconcile reads Sent Items.
      scopes: [
        'openid',
        'email',
        'offline_access',
        'https://graph.microsoft.com/User.Read',
        'https://graph.microsoft.com/Mail.Send',
        'https://graph.microsoft.com/Mail.ReadWrite',
      ],
      extraParams: { prompt: 'select_account' },
    },
  };
}

export const STATE_TTL_MS = 10 * 60_000;

export interface OAuthState {
  provider: OAuthProviderName;
  userId: string;
  nonce: string;
  expiresAt: number;
}

const mac = (key: Buffer, label: string, data: string) =>
  createHmac('sha256', key).update(`${label}:${data}`).digest();

/**
 * `state` is `<payload>.<hmac>`: who asked, for which provider, until when. Signed rather than
 * stored, so any API process can finish a flow another one started.
 */
export function signState(key: Buffer, state: OAuthState): string {
  const payload = Buffer.from(
    JSON.stringify({ p: state.provider, u: state.userId, n: state.nonce, e: state.expiresAt }),
  ).toString('base64url');
  return `${payload}.${mac(key, 'oauth-state', payload).toString('base64url')}`;
}

export function newState(key: Buffer, provider: OAuthProviderName, userId: string, now: Date) {
  const state: OAuthState = {
    provider,
    userId,
    nonce: randomBytes(16).toString('base64url'),
    expiresAt: now.getTime() + STATE_TTL_MS,
  };
  return { state, token: signState(key, state) };
}

export type StateCheck = { ok: true; state: OAuthState } | { ok: false; problem: string };

export function verifyState(key: Buffer, token: string, provider: OAuthProviderName, now: Date): StateCheck {
  const [payload, sig, extra] = token.split('.');
  if (!payload || !sig || extra !== undefined || token.length > 1000)
    return { ok: false, problem: 'malformed state' };
  if (!sameSignature(sig, mac(key, 'oauth-state', payload).toString('base64url'))) {
    return { ok: false, problem: 'state signature does not match' };
  }
  let raw: Record<string, unknown>;
  try {
    raw = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Record<string, unknown>;
  } catch {
    return { ok: false, problem: 'malformed state' };
  }
  const { p, u, n, e } = raw;
  if (typeof u !== 'string' || typeof n !== 'string' || typeof e !== 'number') {
    return { ok: false, problem: 'malformed state' };
  }
  if (p !== provider) return { ok: false, problem: `state was issued for ${String(p)}, not ${provider}` };
  if (now.getTime() > e) return { ok: false, problem: 'the link attempt expired; start again' };
  return { ok: true, state: { provider, userId: u, nonce: n, expiresAt: e } };
}

/**
 * PKCE verifier derived from the nonce with the server key: it never travels through the browser
 * (only the S256 challenge does), yet needs no server-side storage between the two requests.
 */
export function pkceVerifier(key: Buffer, nonce: string): string {
  return mac(key, 'pkce', nonce).toString('base64url');
}

export function pkceChallenge(verifier: string): string {
  return createHash('sha256').update(verifier).digest('base64url');
}

export function authorizeUrl(
  client: OAuthClient,
  input: {
    clientId: string;
    redirectUri: string;
    state: string;
    challenge: string;
    loginHint?: string | undefined;
  },
): string {
  const url = new URL(client.authorizeUrl);
  const params: Record<string, string> = {
    response_type: 'code',
    client_id: input.clientId,
    redirect_uri: input.redirectUri,
    scope: client.scopes.join(' '),
    state: input.state,
    code_challenge: input.challenge,
    code_challenge_method: 'S256',
    ...client.extraParams,
    ...(input.loginHint && { login_hint: input.loginHint }),
  };
  for (const [k, v] of Object.entries(params)) url.searchParams.set(k, v);
  return url.toString();
}

/** The `email` claim of an ID token received straight from the token endpoint over TLS (OIDC 3.1.3.7). */
export function idTokenEmail(idToken: unknown): string | null {
  if (typeof idToken !== 'string') return null;
  const part = idToken.split('.')[1];
  if (!part) return null;
  try {
    const claims = JSON.parse(Buffer.from(part, 'base64url').toString('utf8')) as Record<string, unknown>;
    if (claims.email_verified === false) return null;
    return typeof claims.email === 'string' && claims.email ? claims.email : null;
  } catch {
    return null;
  }
}

/** Where a profile answer names the mailbox address: Google userinfo `email`, Graph `mail` or the UPN. */
export function profileAddress(provider: OAuthProviderName, body: unknown): string | null {
  const b = typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : {};
  const pick = (v: unknown) => (typeof v === 'string' && v.includes('@') ? v : null);
  if (provider === 'google') return b.email_verified === false ? null : pick(b.email);
  return pick(b.mail) ?? pick(b.userPrincipalName);
}
