import { DomainError } from '../../domain/errors';
import { OAuthFailure } from '../../domain/mailboxes/oauth-failure';
import { ApiError } from '../../http/api-error';
import { statusOfKind } from '../../http/on-error';

/** No OAuth client here is the server's configuration (503); a failing provider endpoint is a bad gateway. */
const statusOfFailure = { not_configured: 503, provider_failed: 502 } as const;

/** The status a linking error answers with, or null for anything unexpected (left to onError: a 500). */
export function oauthErrorStatus(err: unknown): number | null {
  if (err instanceof OAuthFailure) return statusOfFailure[err.reason];
  if (err instanceof DomainError) return statusOfKind[err.kind];
  if (err instanceof ApiError) return err.status;
  return null;
}

/** OAuthFailure is the one error onError does not know: give it its status. Others pass through. */
export function toApiError(err: unknown): unknown {
  return err instanceof OAuthFailure ? new ApiError(statusOfFailure[err.reason], err.code, err.message) : err;
}
