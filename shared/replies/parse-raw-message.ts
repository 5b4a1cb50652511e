import PostalMime, { type Address, type Attachment } from 'postal-mime';
import type { MessageReport, ObservedMessage } from './classify-message';
import type { MessageHeaders } from './headers';
import { htmlToText } from './html-text';

export { htmlToText };

/** A raw RFC 5322 message read for classification and thread matching (mailbox sync, tests). */
export interface RawMessage extends ObservedMessage {
  /** Message-ID without angle brackets, when the message has one. */
  messageId?: string;
  inReplyTo?: string;
  /** References, oldest first, without angle brackets. */
  references: string[];
  /** The Date header as an ISO instant; absent when missing or unreadable. */
  date?: string;
  to: string[];
}

/**
 * Machine-readable report parts: RFC 3464 delivery status, RFC 8098 read receipts, RFC 5965 abuse
 * reports, and the headers of the returned original (RFC 6522 text/rfc822-headers).
 */
const REPORT_TYPES = new Set([
  'message/delivery-status',
  'message/global-delivery-status',
  'message/disposition-notification',
  'message/global-disposition-notification',
  'message/feedback-report',
  'text/rfc822-headers',
  'message/rfc822-headers',
]);

/** The original message a report returns: only its headers matter (who it was sent to). */
const RETURNED_MESSAGE = new Set(['message/rfc822', 'message/global']);

/** Upper bound for one report part's text; DSNs are a few hundred bytes, anything longer is noise. */
const MAX_REPORT_CHARS = 20_000;

/**
 * Parses a raw message with postal-mime (which runs in the browser and in Node, so the same code
 * serves the extension and mailbox sync). A returned original is never inlined into the text: its
 * wording is ours, and reading it would make our own pitch look like the contact's answer.
 */
export async function parseRawMessage(raw: string | Uint8Array | ArrayBuffer): Promise<RawMessage> {
  const email = await PostalMime.parse(raw, { forceRfc822Attachments: true });
  const headers: Record<string, string> = {};
  for (const h of email.headers) {
    // The first occurrence wins: the RFC 3834 headers appear once, and for trace headers
    // (Received) the newest hop is the first.
    if (!(h.originalKey in headers)) headers[h.originalKey] = h.value;
  }
  const reports = email.attachments.flatMap((a) => reportOf(a));
  const references = idsIn(email.references);
  const inReplyTo = idsIn(email.inReplyTo)[0];
  const messageId = idsIn(email.messageId)[0];
  const date = isoDate(email.date);
  const text = email.text ?? (email.html ? htmlToText(email.html) : undefined);
  return {
    from: formatAddress(email.from) ?? headers.From ?? '',
    ...(email.subject !== undefined ? { subject: email.subject } : {}),
    ...(text !== undefined ? { text } : {}),
    ...(email.html !== undefined ? { html: email.html } : {}),
    headers: headers satisfies MessageHeaders,
    ...(reports.length > 0 ? { reports } : {}),
    ...(messageId ? { messageId } : {}),
    ...(inReplyTo ? { inReplyTo } : {}),
    references,
    ...(date ? { date } : {}),
    to: (email.to ?? []).flatMap((a) =>
      a.address !== undefined ? [a.address] : (a.group ?? []).map((m) => m.address),
    ),
  };
}

function reportOf(attachment: Attachment): MessageReport[] {
  const type = attachment.mimeType.toLowerCase();
  if (!REPORT_TYPES.has(type) && !RETURNED_MESSAGE.has(type)) return [];
  let text = contentText(attachment.content);
  // Of a returned message keep the header block only.
  if (RETURNED_MESSAGE.has(type)) {
    const end = text.search(/\r?\n\r?\n/);
    text = end === -1 ? text : text.slice(0, end);
    return [{ type: 'text/rfc822-headers', text: text.slice(0, MAX_REPORT_CHARS) }];
  }
  return [{ type, text: text.slice(0, MAX_REPORT_CHARS) }];
}

function contentText(content: Attachment['content']): string {
  if (typeof content === 'string') return content;
  return new TextDecoder('utf-8', { fatal: false }).decode(content);
}

function formatAddress(address: Address | undefined): string | undefined {
  if (!address) return undefined;
  const mailbox = address.address !== undefined ? address : address.group[0];
  if (!mailbox) return undefined;
  return mailbox.name ? `${mailbox.name} <${mailbox.address}>` : mailbox.address;
}

function idsIn(value: string | undefined): string[] {
  if (!value) return [];
  const bracketed = Array.from(value.matchAll(/<([^<>\s]+)>/g), (m) => m[1] as string);
  return bracketed.length > 0 ? bracketed : value.split(/\s+/).filter(Boolean);
}

function isoDate(value: string | undefined): string | undefined {
  if (!value) return undefined;
  const time = Date.parse(value);
  return Number.isNaN(time) ? undefined : new Date(time).toISOString();
}
