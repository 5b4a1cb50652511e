import { mapMailgunError, toProviderError } from './error-mapping';
import { type HttpDeps, httpRequest, trimBase } from './http';
import { buildMime } from './mime';
import { type EmailProvider, ProviderError, type SendResult } from './provider';

export const MAILGUN_API_BASE_URL = 'https://api.mailgun.net';

export interface MailgunSettings {
  apiKey: string;
  apiBaseUrl?: string | undefined;
  /** The Mailgun sending domain; the sender address's domain when not set. */
  domain?: string | undefined;
}

function field(body: unknown, key: string): string | undefined {
  const value =
    typeof body === 'object' && body !== null ? (body as Record<string, unknown>)[key] : undefined;
  return typeof value === 'string' && value ? value : undefined;
}

/**
 * Mailgun's messages.mime endpoint, so the message is our MIME byte for byte. No reconcile:
 * nothing documents that Mailgun's event log keeps our Message-ID, and a wrong "not found"
 * would send the email twice.
 */
export function createMailgunProvider(settings: MailgunSettings, deps: HttpDeps): EmailProvider {
  const base = trimBase(settings.apiBaseUrl ?? MAILGUN_API_BASE_URL);
  const authorization = `Basic ${Buffer.from(`api:${settings.apiKey}`).toString('base64')}`;
  return {
    name: 'mailgun',
    async send(email, signal): Promise<SendResult> {
      try {
        const domain = settings.domain ?? email.from.address.split('@')[1];
        if (!domain)
          throw new ProviderError({ kind: 'auth', detail: 'no Mailgun sending domain for this mailbox' });
        const mime = await buildMime(email, deps.now());
        const form = new FormData();
        form.append('to', email.to.address);
        form.append('message', new Blob([new Uint8Array(mime)], { type: 'message/rfc822' }), 'message.mime');
        // User variables come back in every webhook event as user-variables.
        form.append('v:stride-email-id', email.correlationId);
        const res = await httpRequest(
          deps,
          `${base}/v3/${encodeURIComponent(domain)}/messages.mime`,
          { method: 'POST', headers: { authorization }, body: form },
          signal,
        );
        if (!res.ok) throw mapMailgunError(res);
        const result: SendResult = { messageId: email.messageId };
        const id = field(res.body, 'id');
        if (id) result.providerMessageId = id;
        return result;
      } catch (error) {
        throw toProviderError(error);
      }
    },
  };
}
