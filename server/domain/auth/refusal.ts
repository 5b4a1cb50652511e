/**
 * Why a credential check turned the caller away. Not a `DomainError`: these are answers about who the
 * caller is (HTTP says 401 or 429), which only the HTTP layer can give, with its `Retry-After` header.
 */
export type CredentialRefusal =
  | { ok: false; code: 'too_many_attempts'; message: string; retryAfterMs: number }
  | { ok: false; code: 'invalid_credentials'; message: string };

export const tooManyAttempts = (message: string, retryAfterMs: number): CredentialRefusal => ({
  ok: false,
  code: 'too_many_attempts',
  message,
  retryAfterMs,
});
