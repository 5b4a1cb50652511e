/**
 * Linking failed for a reason outside the request and the team: this server has no OAuth client for the
 * provider, or the provider's token or profile endpoint failed. Not one of the domain's four kinds
 * (nothing the caller can correct); the OAuth handlers answer it (503 / 502).
 */
export class OAuthFailure extends Error {
  constructor(
    readonly reason: 'not_configured' | 'provider_failed',
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'OAuthFailure';
  }
}
