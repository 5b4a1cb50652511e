import { parseRawMessage as parseShared } from '../../shared/replies/parse-raw-message';

/** A raw message as the sync pipeline hands it to matching: the shape the page reports, with real headers. */
export interface ParsedRaw {
  /** RFC 5322 Message-ID in `<…>` form, when the message has one. */
  messageId: string | undefined;
  from: string;
  to: string[];
  date: string;
  subject: string | undefined;
  text: string;
  headers: Record<string, string>;
}

const MESSAGE_ID = /<[^<>\s]+@[^<>\s]+>/g;

/**
 * Raw MIME (RFC 5322) → the fields matching and the classifier read, through the one parser the
 * extension uses too (shared/replies, postal-mime). A delivery report's original Message-ID (from its
 * returned headers) is added to `References`, since that is where the matcher looks for "about our
 * email", and the status part's text (Final-Recipient names the failed address) joins the body.
 */
export async function parseRawMessage(
  raw: Buffer | Uint8Array | string,
  receivedAt: Date,
): Promise<ParsedRaw> {
  const mail = await parseShared(raw);
  const headers = { ...mail.headers } as Record<string, string>;
  const ids: string[] = [];
  const statusTexts: string[] = [];
  for (const r of mail.reports ?? []) {
    if (r.type.includes('delivery-status')) statusTexts.push(r.text);
    if (r.type.includes('rfc822')) {
      const header = /^message-id:\s*(<[^<>\s]+@[^<>\s]+>)/im.exec(r.text);
      if (header?.[1]) ids.push(header[1]);
      else ids.push(...(r.text.match(MESSAGE_ID) ?? []).slice(0, 1));
    }
  }
  if (ids.length > 0) {
    const existing = headers.References ?? headers.references ?? '';
    headers.References = [existing, ...ids].filter(Boolean).join(' ');
  }
  const body = mail.text ?? '';
  const statusText = statusTexts.join('\n');
  return {
    messageId: mail.messageId ? `<${mail.messageId}>` : undefined,
    from: mail.from,
    to: mail.to,
    // A message without a usable Date header counts from when it arrived.
    date: mail.date ?? receivedAt.toISOString(),
    subject: mail.subject,
    text: statusText ? `${body}\n${statusText}` : body,
    headers,
  };
}
