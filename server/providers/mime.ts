import MailComposer from 'nodemailer/lib/mail-composer';
import type { MimeNodeHeader } from 'nodemailer/lib/mime-node';
import type { OutgoingEmail, Signature } from './provider';

/**
 * Headers the builder owns: letting a caller-supplied header set one of these would give the
 * message two Message-IDs, a second From, or an unsubscribe link that bypasses the signed one.
 */
const RESERVED_HEADERS = new Set([
  'from',
  'to',
  'cc',
  'bcc',
  'sender',
  'reply-to',
  'subject',
  'date',
  'message-id',
  'in-reply-to',
  'references',
  'mime-version',
  'content-type',
  'content-transfer-encoding',
  'list-unsubscribe',
  'list-unsubscribe-post',
  'x-stride-email-id',
]);

// RFC 5322 msg-id kept to what mail systems accept in practice: no spaces, brackets or controls inside.
const MESSAGE_ID = /^<[^\s<>@]+@[^\s<>@]+>$/;
const HEADER_NAME = /^[!-9;-~]+$/;
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the purpose.
const CONTROL = /[\u0000-\u001f\u007f]/;

export function assertMessageId(value: string, field = 'messageId'): void {
  if (!MESSAGE_ID.test(value))
    throw new TypeError(`${field} must look like <id@domain>, got ${JSON.stringify(value)}`);
}

function escapeHtml(text: string): string {
  return text
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&#39;');
}

function signatureParts(signature: Signature): { text: string; html: string } {
  if (typeof signature !== 'string') return signature;
  return { text: signature, html: escapeHtml(signature).replace(/\r?\n/g, '<br>\n') };
}

/** The text and HTML bodies with the mailbox signature appended, shared by MIME and JSON APIs. */
export function composeBodies(email: OutgoingEmail): { text: string; html?: string } {
  if (!email.signature)
    return email.html === undefined ? { text: email.text } : { text: email.text, html: email.html };
  const signature = signatureParts(email.signature);
  // "-- " on its own line is the RFC 3676 separator mail clients use to fold signatures in replies.
  const text = `${email.text.replace(/\s+$/, '')}\n\n-- \n${signature.text}`;
  if (email.html === undefined) return { text };
  const block = `<div class="stride-signature">${signature.html}</div>`;
  const closing = email.html.search(/<\/body\s*>/i);
  const html =
    closing === -1
      ? `${email.html}\n${block}`
      : `${email.html.slice(0, closing)}${block}${email.html.slice(closing)}`;
  return { text, html };
}

function unsubscribeUrl(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new TypeError(`listUnsubscribe.url is not a URL: ${JSON.stringify(url)}`);
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') {
    throw new TypeError('listUnsubscribe.url must be http(s) (RFC 8058 one-click needs a URL to POST to)');
  }
  // The header value is emitted as prepared text, so anything that could end the <...> or the line is refused.
  if (/[\s<>,]/.test(url) || CONTROL.test(url))
    throw new TypeError('listUnsubscribe.url has characters a header cannot carry');
  return url;
}

function unsubscribeMailto(mailto: string): string {
  const value = mailto.startsWith('mailto:') ? mailto : `mailto:${mailto}`;
  if (/[\s<>,]/.test(value) || CONTROL.test(value) || !value.includes('@')) {
    throw new TypeError(`listUnsubscribe.mailto is not a usable address: ${JSON.stringify(mailto)}`);
  }
  return value;
}

/** List-Unsubscribe (RFC 2369) and the RFC 8058 one-click marker, for MIME and for JSON APIs. */
export function unsubscribeHeaders(email: OutgoingEmail): Record<string, string> {
  if (!email.listUnsubscribe) return {};
  const targets = [`<${unsubscribeUrl(email.listUnsubscribe.url)}>`];
  if (email.listUnsubscribe.mailto) targets.push(`<${unsubscribeMailto(email.listUnsubscribe.mailto)}>`);
  return { 'List-Unsubscribe': targets.join(', '), 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' };
}

/** Caller headers after refusing the ones the builder owns or that could split the header block. */
export function customHeaders(email: OutgoingEmail): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(email.headers ?? {})) {
    if (!HEADER_NAME.test(name))
      throw new TypeError(`header name ${JSON.stringify(name)} is not a valid field name`);
    if (RESERVED_HEADERS.has(name.toLowerCase()))
      throw new TypeError(`header ${name} is set by the MIME builder`);
    if (CONTROL.test(value.replaceAll('\t', ' ')))
      throw new TypeError(`header ${name} contains a line break or control`);
    headers[name] = value;
  }
  return headers;
}

/** Checks the parts of an email every provider depends on, before any network call. */
export function validateOutgoing(email: OutgoingEmail): void {
  assertMessageId(email.messageId);
  if (email.inReplyTo !== undefined) assertMessageId(email.inReplyTo, 'inReplyTo');
  for (const reference of email.references ?? []) assertMessageId(reference, 'references[]');
  for (const [field, value] of [
    ['from', email.from.address],
    ['to', email.to.address],
  ] as const) {
    if (!/^[^\s@<>]+@[^\s@<>]+$/.test(value))
      throw new TypeError(`${field} address is not usable: ${JSON.stringify(value)}`);
  }
  if (CONTROL.test(email.subject)) throw new TypeError('subject contains a line break or control');
  if (!email.correlationId || CONTROL.test(email.correlationId))
    throw new TypeError('correlationId is required');
}

/** The complete RFC 5322 message; `date` comes from the caller's clock so tests are repeatable. */
export async function buildMime(email: OutgoingEmail, date: Date = new Date()): Promise<Buffer> {
  validateOutgoing(email);
  const bodies = composeBodies(email);
  const headers: MimeNodeHeader[] = Object.entries(customHeaders(email)).map(([key, value]) => ({
    key,
    value,
  }));
  const unsubscribe = unsubscribeHeaders(email);
  if (unsubscribe['List-Unsubscribe']) {
    // Prepared: MailComposer would otherwise encode the angle brackets and commas as a phrase.
    headers.push({
      key: 'List-Unsubscribe',
      value: { prepared: true, foldLines: true, value: unsubscribe['List-Unsubscribe'] },
    });
    headers.push({ key: 'List-Unsubscribe-Post', value: 'List-Unsubscribe=One-Click' });
  }
  headers.push({ key: 'X-Stride-Email-Id', value: email.correlationId });

  const composer = new MailComposer({
    from: email.from.name ? { name: email.from.name, address: email.from.address } : email.from.address,
    to: email.to.name ? { name: email.to.name, address: email.to.address } : email.to.address,
    subject: email.subject,
    messageId: email.messageId,
    date,
    ...(email.inReplyTo ? { inReplyTo: email.inReplyTo } : {}),
    ...(email.references?.length ? { references: email.references } : {}),
    text: bodies.text,
    ...(bodies.html === undefined ? {} : { html: bodies.html }),
    headers,
    // Template output must never make the composer read a file or fetch a URL.
    disableFileAccess: true,
    disableUrlAccess: true,
    newline: 'win',
  });
  return composer.compile().build();
}
