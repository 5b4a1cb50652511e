import type { Context } from 'hono';
import type { CredentialRefusal } from '../../domain/auth/refusal';
import { ApiError } from '../../http/api-error';

/**
 * A refused credential check as HTTP: 429 with `Retry-After` in whole seconds when the limiter holds
 * the caller back, 401 when the password does not match.
 */
export function refusalError(c: Context, refusal: CredentialRefusal): ApiError {
  if (refusal.code === 'too_many_attempts') {
    c.header('Retry-After', String(Math.ceil(refusal.retryAfterMs / 1000)));
    return new ApiError(429, refusal.code, refusal.message);
  }
  return new ApiError(401, refusal.code, refusal.message);
}
