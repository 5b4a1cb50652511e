import { mapSendGridError, toProviderError } from './error-mapping';
import { bearer, type HttpDeps, httpRequest, trimBase } from './http';
import { composeBodies, customHeaders, unsubscribeHeaders, validateOutgoing } from './mime';
import type { EmailProvider, MailAddress, OutgoingEmail, SendResult } from './provider';

export const SENDGRID_API_BASE_URL = 'https://api.sendgrid.com';

export interface SendGridSettings {
  apiKey: string;
  apiBaseUrl?: string | undefined;
}

function sgAddress(address: MailAddress): { email: string; name?: string } {
  return address.name ? { email: address.address, name: address.name } : { email: address.address };
}

/** The v3 Mail Send body: JSON fields instead of MIME, with our headers carried in `headers`. */
function sendGridPayload(email: OutgoingEmail): Record<string, unknown> {
  validateOutgoing(email);
  const bodies = composeBodies(email);
  // SendGrid requires text/plain before text/html in `content`.
  const content = [{ type: 'text/plain', value: bodies.text }];
  if (bodies.html !== undefined) content.push({ type: 'text/html', value: bodies.html });
  const headers: Record<string, string> = {
    ...customHeaders(email),
    ...unsubscribeHeaders(email),
    'Message-ID': email.messageId,
    'X-Stride-Email-Id': email.correlationId,
  };
  if (email.inReplyTo) headers['In-Reply-To'] = email.inReplyTo;
  if (email.references?.length) headers.References = email.references.join(' ');
  return {
    personalizations: [{ to: [sgAddress(email.to)] }],
    from: sgAddress(email.from),
    subject: email.subject,
    content,
    headers,
    // Event Webhook posts custom_args back on every event: this is how a bounce finds our row.
    custom_args: { stride_email_id: email.correlationId },
  };
}

/** SendGrid has no way to ask whether a Message-ID went out, so there is no reconcile. */
export function createSendGridProvider(settings: SendGridSettings, deps: HttpDeps): EmailProvider {
  const url = `${trimBase(settings.apiBaseUrl ?? SENDGRID_API_BASE_URL)}/v3/mail/send`;
  return {
    name: 'sendgrid',
    async send(email, signal): Promise<SendResult> {
      try {
        const body = JSON.stringify(sendGridPayload(email));
        const res = await httpRequest(
          deps,
          url,
          {
            method: 'POST',
            headers: { ...bearer(settings.apiKey), 'content-type': 'application/json' },
            body,
          },
          signal,
        );
        if (!res.ok) throw mapSendGridError(res);
        const result: SendResult = { messageId: email.messageId };
        const providerMessageId = res.headers.get('x-message-id');
        if (providerMessageId) result.providerMessageId = providerMessageId;
        return result;
      } catch (error) {
        throw toProviderError(error);
      }
    },
  };
}
