import { describe, expect, it } from 'vitest';
import { conflict, invalid } from '../../../../../server/domain/errors';
import { OAuthFailure } from '../../../../../server/domain/mailboxes/oauth-failure';
import { ApiError } from '../../../../../server/http/api-error';
import { oauthErrorStatus, toApiError } from '../../../../../server/routes/oauth/oauth.errors';

describe('OAuth linking errors', () => {
  it('an unconfigured client is 503, a failing provider 502', () => {
    expect(oauthErrorStatus(new OAuthFailure('not_configured', 'oauth_not_configured', 'm'))).toBe(503);
    expect(oauthErrorStatus(new OAuthFailure('provider_failed', 'oauth_exchange_failed', 'm'))).toBe(502);
  });

  it('domain errors keep the status on-error gives their kind', () => {
    expect(oauthErrorStatus(invalid('invalid state: expired'))).toBe(400);
    expect(oauthErrorStatus(conflict('already linked'))).toBe(409);
  });

  it('anything unexpected has no status here: onError answers it (a 500)', () => {
    expect(oauthErrorStatus(new TypeError('boom'))).toBeNull();
  });

  it('an OAuthFailure becomes the API error with its code; other errors pass through unchanged', () => {
    const e = toApiError(new OAuthFailure('provider_failed', 'oauth_profile_failed', 'no address'));
    expect(e).toBeInstanceOf(ApiError);
    expect(e).toMatchObject({ status: 502, code: 'oauth_profile_failed', message: 'no address' });
    const domain = invalid('x');
    expect(toApiError(domain)).toBe(domain);
  });
});
