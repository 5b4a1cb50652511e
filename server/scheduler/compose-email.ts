import { type SendSnapshot, templateContextFor } from '../../shared/send-guard/snapshot';
import { tooLargeReason } from '../../shared/send-guard/too-large';
import { escapeHtml, RENDER_LIMITS, renderTemplate, type TemplatePart } from '../../shared/template/render';
import { unsubscribeUrl } from '../domain/deliverability/unsubscribe-token';
import { renderSubject } from '../domain/emails/render-subject';
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

/*
 * The HTML body escapes values (`"` becomes `&quot;`, six characters) and turns a plain body's line
 * ends into `<br>`: never more than six times the text the guard measured against RENDER_LIMITS.body.
 */
const HTML_GROWTH = 6;

/**
 * Thrown when a part renders past its limit after the guard passed it (the snapshot changed between
 * the two): the dispatcher records it as not sent (`other`) with these words, and the batch goes on.
 */
class EmailTooLarge extends Error {
  constructor(parts: TemplatePart[]) {
    super(tooLargeReason(parts).detail);
    this.name = 'EmailTooLarge';
  }
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
  const { subject, tooLarge: subjectTooLarge } = renderSubject(s, input.storedSubject);
  if (subjectTooLarge) throw new EmailTooLarge(['subject']);
  const htmlSource = looksLikeHtml(bodyTemplate)
    ? bodyTemplate
    : escapeHtml(bodyTemplate).replace(/\r?\n/g, '<br>\n');
  const htmlRender = renderTemplate(htmlSource, ctx, {
    html: true,
    snippets,
    maxLength: RENDER_LIMITS.body * HTML_GROWTH,
  });
  if (htmlRender.tooLarge) throw new EmailTooLarge(['body']);
  // Sanitized after rendering too: snippets and bodies stored before sanitizing existed are HTML as well.
  const rendered = sanitizeEmailHtml(htmlRender.output);
  const html = trackEngagement(rendered, {
    emailId: input.emailId,
    trackClicks: s.step ? s.step.trackClicks !== false : false,
    trackOpens: s.step?.trackOpens === true,
    trackingUrl: input.trackingUrl ?? input.publicUrl,
    publicUrl: input.publicUrl,
    secretKey: input.secretKey,
  });
  const plain = looksLikeHtml(bodyTemplate)
    ? null
    : renderTemplate(bodyTemplate, ctx, { html: false, snippets, maxLength: RENDER_LIMITS.body });
  if (plain?.tooLarge) throw new EmailTooLarge(['body']);
  const text = plain ? plain.output : htmlToPlainText(rendered);
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
