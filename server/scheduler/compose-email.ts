import { type SendSnapshot, templateContextFor } from '../../shared/send-guard/snapshot';
import { escapeHtml, renderTemplate } from '../../shared/template/render';
import { unsubscribeUrl } from '../domain/deliverability/unsubscribe-token';
import { replySubject } from '../domain/emails/reply-subject';
import { htmlToPlainText, looksLikeHtml, sanitizeEmailHtml } from '../domain/html/email-html';
import { trackEngagement } from '../engagement/track-html';
import type { OutgoingEmail } from '../providers/provider';

export interface ComposeInput {
  emailId: string;
  messageId: string;
  snapshot: SendSnapshot;
  mailbox: { address: string; name: string | null; signature: string | null; unsubscribeEnabled: boolean };
  /**
   * The subject stored on the email row. For a reply_previous step it is "Re: <first subject as sent>",
   * fixed when the step was planned, so the thread keeps one subject whatever the template says now.
   */
  storedSubject?: string | null;
  inReplyTo?: string | null;
  references?: string[] | null;
  threadId?: string | null;
  publicUrl: string;
  /** Where tracked links and the pixel point (STRIDE_TRACKING_URL); default publicUrl. */
  trackingUrl?: string;
  secretKey: Buffer;
}

/** A signature written in the rich editor goes out as HTML with a text twin; a plain one as it is. */
function signatureFor(signature: string): string | { text: string; html: string } {
  if (!looksLikeHtml(signature)) return signature;
  const html = sanitizeEmailHtml(signature);
  return { text: htmlToPlainText(html), html };
}

/**
 * The subject a send goes out with. A reply_previous step answers the thread under the subject fixed
 * when it was planned; anything else renders its template (or the rep's edited draft) now.
 */
export function subjectFor(s: SendSnapshot, storedSubject: string | null | undefined): string {
  if (s.step?.threadMode === 'reply_previous' && storedSubject && !s.draft?.subject) {
    return replySubject(storedSubject);
  }
  const template = s.draft?.subject ?? s.step?.subject ?? '';
  return renderTemplate(template, templateContextFor(s), { html: false, snippets: s.snippets ?? {} }).output;
}

/**
 * Turns a checked snapshot into the message a provider sends: the same renderer the guard used, the
 * sender's name, the thread headers and a signed one-click unsubscribe link.
 */
export function composeEmail(input: ComposeInput): OutgoingEmail {
  const s = input.snapshot;
  const ctx = templateContextFor(s);
  const snippets = s.snippets ?? {};
  const bodyTemplate = s.draft?.body ?? s.step?.body ?? '';
  const subject = subjectFor(s, input.storedSubject);
  const htmlSource = looksLikeHtml(bodyTemplate)
    ? bodyTemplate
    : escapeHtml(bodyTemplate).replace(/\r?\n/g, '<br>\n');
  // Sanitized after rendering too: snippets and bodies stored before sanitizing existed are HTML as well.
  const rendered = sanitizeEmailHtml(renderTemplate(htmlSource, ctx, { html: true, snippets }).output);
  const html = trackEngagement(rendered, {
    emailId: input.emailId,
    trackClicks: s.step ? s.step.trackClicks !== false : false,
    trackOpens: s.step?.trackOpens === true,
    trackingUrl: input.trackingUrl ?? input.publicUrl,
    publicUrl: input.publicUrl,
    secretKey: input.secretKey,
  });
  const text = looksLikeHtml(bodyTemplate)
    ? htmlToPlainText(rendered)
    : renderTemplate(bodyTemplate, ctx, { html: false, snippets }).output;
  const to = s.contact.email ?? '';
  const name = [s.contact.firstName, s.contact.lastName].filter(Boolean).join(' ');
  return {
    messageId: input.messageId,
    from: { address: input.mailbox.address, ...(input.mailbox.name && { name: input.mailbox.name }) },
    to: { address: to, ...(name && { name }) },
    subject,
    text,
    html,
    ...(input.mailbox.signature && { signature: signatureFor(input.mailbox.signature) }),
    ...(input.inReplyTo && { inReplyTo: input.inReplyTo }),
    ...(input.references?.length && { references: input.references }),
    ...(input.threadId && { threadId: input.threadId }),
    ...(input.mailbox.unsubscribeEnabled && {
      listUnsubscribe: { url: unsubscribeUrl(input.publicUrl, input.secretKey, input.emailId) },
    }),
    correlationId: input.emailId,
  };
}
