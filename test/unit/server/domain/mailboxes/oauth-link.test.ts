import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  authorizeUrl,
  defaultOAuthClients,
  idTokenEmail,
  newState,
  pkceChallenge,
  pkceVerifier,
  profileAddress,
  STATE_TTL_MS,
  verifyState,
} from '../../../../../server/domain/mailboxes/oauth-link';

const key = Buffer.alloc(32, 3);
const now = new Date('2026-01-10T10:00:00Z');

describe('OAuth state', () => {
  it('round-trips for the same provider before expiry', () => {
    const { state, token } = newState(key, 'google', 'usr_1', now);
    const check = verifyState(key, token, 'google', new Date(now.getTime() + STATE_TTL_MS - 1));
    expect(check).toEqual({ ok: true, state });
  });

  it('refuses an expired state, another provider, another key and an altered payload', () => {
    const { token } = newState(key, 'google', 'usr_1', now);
    expect(verifyState(key, token, 'google', new Date(now.getTime() + STATE_TTL_MS + 1))).toMatchObject({
      ok: false,
      problem: expect.stringContaining('expired'),
    });
    expect(verifyState(key, token, 'microsoft', now)).toMatchObject({ ok: false });
    expect(verifyState(Buffer.alloc(32, 4), token, 'google', now)).toMatchObject({ ok: false });
    const [payload, sig] = token.split('.') as [string, string];
    const forged = Buffer.from(
      JSON.stringify({ ...JSON.parse(Buffer.from(payload, 'base64url').toString()), u: 'usr_admin' }),
    ).toString('base64url');
    expect(verifyState(key, `${forged}.${sig}`, 'google', now)).toMatchObject({ ok: false });
    expect(verifyState(key, 'garbage', 'google', now)).toMatchObject({ ok: false });
  });
});

describe('PKCE', () => {
  it('derives a valid verifier per nonce and its S256 challenge', () => {
    const v = pkceVerifier(key, 'nonce-a');
    expect(v).toMatch(/^[A-Za-z0-9_-]{43,128}$/);
    expect(pkceVerifier(key, 'nonce-a')).toBe(v);
    expect(pkceVerifier(key, 'nonce-b')).not.toBe(v);
    expect(pkceChallenge(v)).toBe(createHash('sha256').update(v).digest('base64url'));
  });
});

describe('authorizeUrl', () => {
  it('carries client, redirect, scopes, state and the S256 challenge', () => {
    const client = defaultOAuthClients({}).google;
    const url = new URL(
      authorizeUrl(client, {
        clientId: 'cid',
        redirectUri: 'https://stride.test/api/oauth/google/callback',
        state: 'st',
        challenge: 'ch',
        loginHint: 'rep@acme.test',
      }),
    );
    expect(url.origin + url.pathname).toBe('https://accounts.google.com/o/oauth2/v2/auth');
    expect(Object.fromEntries(url.searchParams)).toMatchObject({
      response_type: 'code',
      client_id: 'cid',
      redirect_uri: 'https://stride.test/api/oauth/google/callback',
      state: 'st',
      code_challenge: 'ch',
      code_challenge_method: 'S256',
      access_type: 'offline',
      login_hint: 'rep@acme.test',
    });
    expect(url.searchParams.get('scope')).toContain('https://www.googleapis.com/auth/gmail.send');
  });

  it('reads client credentials from the environment given', () => {
    const clients = defaultOAuthClients({
      STRIDE_MICROSOFT_CLIENT_ID: 'ms',
      STRIDE_MICROSOFT_CLIENT_SECRET: 'shh',
    });
    expect(clients.microsoft).toMatchObject({
      clientId: 'ms',
      clientSecret: 'shh',
      mailboxProvider: 'outlook',
    });
    expect(clients.google.clientId).toBeUndefined();
  });
});

describe('address discovery', () => {
  const jwt = (claims: object) => `h.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.s`;

  it('takes a verified email from the ID token', () => {
    expect(idTokenEmail(jwt({ email: 'rep@acme.test', email_verified: true }))).toBe('rep@acme.test');
    expect(idTokenEmail(jwt({ email: 'rep@acme.test', email_verified: false }))).toBeNull();
    expect(idTokenEmail('not-a-jwt')).toBeNull();
    expect(idTokenEmail(undefined)).toBeNull();
  });

  it('reads Graph mail, falling back to the UPN', () => {
    expect(profileAddress('microsoft', { mail: 'rep@acme.test', userPrincipalName: 'x@y.test' })).toBe(
      'rep@acme.test',
    );
    expect(profileAddress('microsoft', { mail: null, userPrincipalName: 'rep@acme.test' })).toBe(
      'rep@acme.test',
    );
    expect(profileAddress('google', { email: 'rep@acme.test' })).toBe('rep@acme.test');
    expect(profileAddress('google', {})).toBeNull();
  });
});
