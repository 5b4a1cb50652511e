import { mapGraphError, toProviderError, withoutSendRisk } from './error-mapping';
import { bearer, type HttpDeps, type HttpResult, httpRequest, trimBase } from './http';
import { buildMime } from './mime';
import { OAuthSession, type OnTokens } from './oauth';
import {
  type EmailProvider,
  type OutgoingEmail,
  ProviderError,
  type ReconcileResult,
  type SendResult,
} from './provider';

export const GRAPH_API_BASE_URL = 'https://graph.microsoft.com';
export const MICROSOFT_TOKEN_URL = 'https://login.microsoftonline.com/common/oauth2/v2.0/token';

export interface GraphSettings {
  accessToken: string;
  refreshToken?: string | undefined;
  apiBaseUrl?: string | undefined;
  tokenUrl?: string | undefined;
  clientId?: string | undefined;
  clientSecret?: string | undefined;
}

export interface GraphDeps extends HttpDeps {
  onTokens?: OnTokens | undefined;
}

/**
 * Immutable ids survive the move from Drafts to Sent Items, so the id of the created draft is
 * the id of the sent message and a later createReply can name it.
 */
const IMMUTABLE_IDS = { prefer: 'IdType="ImmutableId"' };

function field(body: unknown, key: string): string | undefined {
  const value =
    typeof body === 'object' && body !== null ? (body as Record<string, unknown>)[key] : undefined;
  return typeof value === 'string' && value ? value : undefined;
}

/**
 * Microsoft Graph (Outlook / Microsoft 365). The draft is created from our MIME (Content-Type
 * text/plain, base64) rather than from JSON, because JSON drafts accept only "x-" custom headers
 * (at most five): List-Unsubscribe, List-Unsubscribe-Post, In-Reply-To and References could not
 * travel, and a follow-up would neither thread for the recipient nor offer one-click unsubscribe.
 * Two steps, create then send, so a failure before /send is known not to have sent anything.
 * Follow-ups whose thread is known go through createReply, which also links Outlook's conversation.
 */
export function createGraphProvider(settings: GraphSettings, deps: GraphDeps): EmailProvider {
  const base = `${trimBase(settings.apiBaseUrl ?? GRAPH_API_BASE_URL)}/v1.0/me`;
  const session = new OAuthSession(
    {
      accessToken: settings.accessToken,
      refreshToken: settings.refreshToken,
      tokenUrl: settings.tokenUrl ?? MICROSOFT_TOKEN_URL,
      clientId: settings.clientId,
      clientSecret: settings.clientSecret,
    },
    deps,
  );

  function call(
    url: string,
    init: { method: string; headers?: Record<string, string>; body?: string },
    signal?: AbortSignal,
  ): Promise<HttpResult> {
    return session.authorized(
      (token) =>
        httpRequest(
          deps,
          url,
          { ...init, headers: { ...bearer(token), ...IMMUTABLE_IDS, ...init.headers } },
          signal,
        ),
      signal,
    );
  }

  async function createDraft(email: OutgoingEmail, signal?: AbortSignal): Promise<Record<string, unknown>> {
    const mime = await buildMime(email, deps.now());
    const url = email.threadId
      ? `${base}/messages/${encodeURIComponent(email.threadId)}/createReply`
      : `${base}/messages`;
    let res: HttpResult;
    try {
      res = await call(
        url,
        { method: 'POST', headers: { 'content-type': 'text/plain' }, body: mime.toString('base64') },
        signal,
      );
    } catch (error) {
      // Creating a draft never delivers anything, however the connection ended.
      throw error instanceof ProviderError ? withoutSendRisk(error) : error;
    }
    if (!res.ok) throw withoutSendRisk(mapGraphError(res, { replyTo: email.threadId }));
    if (typeof res.body !== 'object' || res.body === null) {
      throw new ProviderError({
        kind: 'unknown',
        detail: `Graph created a draft but its answer was not JSON (HTTP ${res.status})`,
      });
    }
    return res.body as Record<string, unknown>;
  }

  async function send(email: OutgoingEmail, signal?: AbortSignal): Promise<SendResult> {
    try {
      const draft = await createDraft(email, signal);
      const id = field(draft, 'id');
      if (!id) throw new ProviderError({ kind: 'unknown', detail: 'Graph created a draft without an id' });
      const res = await call(`${base}/messages/${encodeURIComponent(id)}/send`, { method: 'POST' }, signal);
      if (!res.ok) throw mapGraphError(res);
      // Exchange may stamp its own Message-ID; the one on the draft is what the recipient sees.
      return {
        messageId: field(draft, 'internetMessageId') ?? email.messageId,
        providerMessageId: id,
        threadId: email.threadId ?? id,
      };
    } catch (error) {
      throw toProviderError(error);
    }
  }

  /**
   * Looks in Sent Items only: a draft left behind by a crash between create and send was not
   * delivered, so it correctly counts as not_found. Sent Items fills a little after the 202, which
   * is why the caller reconciles only once a lease has expired.
   */
  async function reconcile(messageId: string, signal?: AbortSignal): Promise<ReconcileResult> {
    const filter = `internetMessageId eq '${messageId.replaceAll("'", "''")}'`;
    const url = `${base}/mailFolders/sentitems/messages?$filter=${encodeURIComponent(filter)}&$select=id,internetMessageId`;
    try {
      const res = await call(url, { method: 'GET' }, signal);
      if (!res.ok) return 'unknown';
      const value = (res.body as { value?: unknown } | undefined)?.value;
      if (!Array.isArray(value)) return 'unknown';
      return value.length > 0 ? 'sent' : 'not_found';
    } catch {
      return 'unknown';
    }
  }

  return { name: 'outlook', send, reconcile };
}
