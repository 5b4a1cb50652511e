import { mapGmailError, toProviderError } from './error-mapping';
import { bearer, type HttpDeps, httpRequest, trimBase } from './http';
import { buildMime } from './mime';
import { OAuthSession, type OnTokens } from './oauth';
import type { EmailProvider, ReconcileResult, SendResult } from './provider';

export const GMAIL_API_BASE_URL = 'https://gmail.googleapis.com';
export const GOOGLE_TOKEN_URL = 'https://oauth2.googleapis.com/token';

export interface GmailSettings {
  accessToken: string;
  refreshToken?: string | undefined;
  apiBaseUrl?: string | undefined;
  tokenUrl?: string | undefined;
  clientId?: string | undefined;
  clientSecret?: string | undefined;
}

export interface GmailDeps extends HttpDeps {
  onTokens?: OnTokens | undefined;
}

function field(body: unknown, key: string): string | undefined {
  const value =
    typeof body === 'object' && body !== null ? (body as Record<string, unknown>)[key] : undefined;
  return typeof value === 'string' && value ? value : undefined;
}

/**
 * Gmail API users.messages.send with our own MIME, so the Message-ID, threading headers and
 * List-Unsubscribe are exactly what every other provider sends.
 */
export function createGmailProvider(settings: GmailSettings, deps: GmailDeps): EmailProvider {
  const base = `${trimBase(settings.apiBaseUrl ?? GMAIL_API_BASE_URL)}/gmail/v1/users/me`;
  const session = new OAuthSession(
    {
      accessToken: settings.accessToken,
      refreshToken: settings.refreshToken,
      tokenUrl: settings.tokenUrl ?? GOOGLE_TOKEN_URL,
      clientId: settings.clientId,
      clientSecret: settings.clientSecret,
    },
    deps,
  );

  async function send(
    email: Parameters<EmailProvider['send']>[0],
    signal?: AbortSignal,
  ): Promise<SendResult> {
    try {
      const mime = await buildMime(email, deps.now());
      const payload: { raw: string; threadId?: string } = { raw: mime.toString('base64url') };
      if (email.threadId) payload.threadId = email.threadId;
      const body = JSON.stringify(payload);
      const res = await session.authorized(
        (token) =>
          httpRequest(
            deps,
            `${base}/messages/send`,
            { method: 'POST', headers: { ...bearer(token), 'content-type': 'application/json' }, body },
            signal,
          ),
        signal,
      );
      if (!res.ok) throw mapGmailError(res, { threadId: email.threadId });
      const result: SendResult = { messageId: email.messageId };
      const id = field(res.body, 'id');
      const threadId = field(res.body, 'threadId');
      if (id) result.providerMessageId = id;
      if (threadId) result.threadId = threadId;
      return result;
    } catch (error) {
      throw toProviderError(error);
    }
  }

  async function reconcile(messageId: string, signal?: AbortSignal): Promise<ReconcileResult> {
    // Spam and trash count: a rep may have deleted the sent copy, and that still means it went out.
    const query = new URLSearchParams({
      q: `rfc822msgid:${messageId.replace(/^<|>$/g, '')}`,
      includeSpamTrash: 'true',
      maxResults: '1',
    });
    try {
      const res = await session.authorized(
        (token) => httpRequest(deps, `${base}/messages?${query}`, { headers: bearer(token) }, signal),
        signal,
      );
      if (!res.ok) return 'unknown';
      const messages = (res.body as { messages?: unknown } | undefined)?.messages;
      return Array.isArray(messages) && messages.length > 0 ? 'sent' : 'not_found';
    } catch {
      return 'unknown';
    }
  }

  return { name: 'gmail', send, reconcile };
}
