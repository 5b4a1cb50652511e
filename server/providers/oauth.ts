import { type HttpDeps, type HttpResult, httpRequest } from './http';
import { ProviderError } from './provider';

export interface OAuthTokens {
  accessToken: string;
  /** Present when the token endpoint rotated it (Microsoft does; Google usually does not). */
  refreshToken?: string;
  expiresAt?: Date;
}

/** Called after every refresh so the caller can store the tokens on the mailbox row. */
export type OnTokens = (tokens: OAuthTokens) => void | Promise<void>;

export interface OAuthConfig {
  accessToken: string;
  refreshToken?: string | undefined;
  tokenUrl: string;
  clientId?: string | undefined;
  clientSecret?: string | undefined;
}

// Refresh a minute early so a token does not expire between the check and the provider reading it.
const EARLY_REFRESH_MS = 60_000;

function record(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {};
}

/**
 * The access token of one mailbox, refreshed on a 401 at most once per request. Concurrent
 * sends share a single refresh, because Microsoft rotates refresh tokens and two parallel
 * refreshes would race to store different ones.
 */
export class OAuthSession {
  private accessToken: string;
  private refreshToken: string | undefined;
  private expiresAtMs: number | undefined;
  private inflight: Promise<void> | undefined;

  constructor(
    private readonly config: OAuthConfig,
    private readonly deps: HttpDeps & { onTokens?: OnTokens | undefined },
  ) {
    this.accessToken = config.accessToken;
    this.refreshToken = config.refreshToken;
  }

  get token(): string {
    return this.accessToken;
  }

  /** Runs `call` with the current token; on 401 refreshes once and runs it again. */
  async authorized(call: (token: string) => Promise<HttpResult>, signal?: AbortSignal): Promise<HttpResult> {
    const expiring =
      this.expiresAtMs !== undefined && this.deps.now().getTime() >= this.expiresAtMs - EARLY_REFRESH_MS;
    if (expiring && this.refreshToken) await this.refresh(signal);
    const first = await call(this.accessToken);
    if (first.status !== 401 || !this.refreshToken) return first;
    await this.refresh(signal);
    return call(this.accessToken);
  }

  refresh(signal?: AbortSignal): Promise<void> {
    this.inflight ??= this.doRefresh(signal).finally(() => {
      this.inflight = undefined;
    });
    return this.inflight;
  }

  private async doRefresh(signal?: AbortSignal): Promise<void> {
    if (!this.refreshToken) {
      throw new ProviderError({
        kind: 'auth',
        detail: 'access token rejected and no refresh token is stored',
      });
    }
    const form = new URLSearchParams({ grant_type: 'refresh_token', refresh_token: this.refreshToken });
    if (this.config.clientId) form.set('client_id', this.config.clientId);
    if (this.config.clientSecret) form.set('client_secret', this.config.clientSecret);
    let res: HttpResult;
    try {
      res = await httpRequest(
        this.deps,
        this.config.tokenUrl,
        { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: form },
        signal,
      );
    } catch (error) {
      // A token request is not a send, whatever happened to the connection.
      if (error instanceof ProviderError) throw new ProviderError({ kind: error.kind, detail: error.detail });
      throw error;
    }
    const body = record(res.body);
    if (!res.ok) {
      const code = typeof body.error === 'string' ? body.error : `HTTP ${res.status}`;
      const description = typeof body.error_description === 'string' ? `: ${body.error_description}` : '';
      const detail = `token refresh failed: ${code}${description}`;
      if (res.status === 429 || res.status >= 500) throw new ProviderError({ kind: 'transient', detail });
      // invalid_grant (revoked, expired, password changed) and client errors need a human to reconnect.
      throw new ProviderError({ kind: 'auth', detail });
    }
    if (typeof body.access_token !== 'string' || !body.access_token) {
      throw new ProviderError({
        kind: 'unknown',
        detail: `token endpoint answered HTTP ${res.status} without an access_token`,
      });
    }
    this.accessToken = body.access_token;
    if (typeof body.refresh_token === 'string' && body.refresh_token) this.refreshToken = body.refresh_token;
    this.expiresAtMs =
      typeof body.expires_in === 'number' ? this.deps.now().getTime() + body.expires_in * 1000 : undefined;
    const tokens: OAuthTokens = { accessToken: this.accessToken };
    if (this.refreshToken) tokens.refreshToken = this.refreshToken;
    if (this.expiresAtMs !== undefined) tokens.expiresAt = new Date(this.expiresAtMs);
    try {
      await this.deps.onTokens?.(tokens);
    } catch (error) {
      // Sending on with tokens the mailbox row does not have would lose a rotated refresh token.
      throw new ProviderError({
        kind: 'transient',
        detail: `could not store refreshed tokens: ${error instanceof Error ? error.message : String(error)}`,
        cause: error,
      });
    }
  }
}
