import type { Actor } from '../actor';
import { authorizeUrl, newState, type OAuthProviderName, pkceChallenge, pkceVerifier } from './oauth-link';
import { configuredClient, type OAuthEdges, redirectUri } from './oauth-provider';

/** Where to send the actor's browser to link a mailbox: a signed state naming them, PKCE S256. */
export function startOAuthLink(
  { now, ...edges }: Pick<OAuthEdges, 'clients' | 'secretKey' | 'publicUrl'> & { now: Date },
  actor: Actor,
  input: { provider: OAuthProviderName; loginHint?: string | undefined },
): { url: string; state: string; expiresAt: string } {
  const { provider } = input;
  const client = configuredClient(edges.clients, provider);
  const { state, token } = newState(edges.secretKey, provider, actor.id, now);
  const url = authorizeUrl(client, {
    clientId: client.clientId,
    redirectUri: redirectUri(edges, provider),
    state: token,
    challenge: pkceChallenge(pkceVerifier(edges.secretKey, state.nonce)),
    loginHint: input.loginHint,
  });
  return { url, state: token, expiresAt: new Date(state.expiresAt).toISOString() };
}
