import { type AddressObject, type ParsedMail, simpleParser } from 'mailparser';

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

/** Parts of a delivery report that describe our original message rather than the report itself. */
const REPORT_PARTS = new Set([
  'message/delivery-status',
  'message/global-delivery-status',
  'message/rfc822',
  'message/global',
  'text/rfc822-headers',
  'message/rfc822-headers',
]);

const MESSAGE_ID = /<[^<>\s]+@[^<>\s]+>/g;

function addressList(value: AddressObject | AddressObject[] | undefined): string[] {
  if (!value) return [];
  const list = Array.isArray(value) ? value : [value];
  return list.flatMap((a) => a.value.flatMap((v) => (v.address ? [v.address] : [])));
}

/** Single-valued header text as the page would show it; structured values (addresses, dates) as their text. */
function headerText(mail: ParsedMail): Record<string, string> {
  const out: Record<string, string> = {};
  for (const line of mail.headerLines) {
    const colon = line.line.indexOf(':');
    if (colon < 0) continue;
    const name = line.line.slice(0, colon).trim();
    // Folded lines are unfolded; the first occurrence wins, as for getHeader's readers.
    if (out[name] !== undefined) continue;
    out[name] = line.line
      .slice(colon + 1)
      .replace(/\r?\n[ \t]+/g, ' ')
      .trim();
  }
  return out;
}

/**
 * What a delivery report says about the message it reports on: the original Message-ID (so the
 * report matches our send even without In-Reply-To) and the text of the status part (Final-Recipient
 * names the failed address). MTAs attach these as message/delivery-status and message/rfc822 or
 * text/rfc822-headers parts, which mailparser hands over as attachments.
 */
function reportParts(mail: ParsedMail): { text: string; ids: string[] } {
  const texts: string[] = [];
  const ids: string[] = [];
  for (const a of mail.attachments) {
    if (!REPORT_PARTS.has(a.contentType.toLowerCase())) continue;
    const text = a.content.toString('utf8');
    if (a.contentType.toLowerCase().includes('delivery-status')) texts.push(text);
    const header = /^message-id:\s*(<[^<>\s]+@[^<>\s]+>)/im.exec(text);
    if (header?.[1]) ids.push(header[1]);
    else ids.push(...(text.match(MESSAGE_ID) ?? []).slice(0, 1));
  }
  return { text: texts.join('\n'), ids };
}

/**
 * Raw MIME (RFC 5322) → the fields matching and the classifier read. A delivery report's original
 * Message-ID is added to `References`, since that is where the matcher looks for "about our email".
 */
export async function parseRawMessage(
  raw: Buffer | Uint8Array | string,
  receivedAt: Date,
): Promise<ParsedRaw> {
  const mail = await simpleParser(typeof raw === 'string' ? raw : Buffer.from(raw), {
    skipHtmlToText: false,
    skipTextToHtml: true,
    skipImageLinks: true,
  });
  const headers = headerText(mail);
  const report = reportParts(mail);
  if (report.ids.length > 0) {
    const existing = headers.References ?? headers.references ?? '';
    headers.References = [existing, ...report.ids].filter(Boolean).join(' ');
  }
  const messageId = mail.messageId
    ? (/<[^<>\s]+>/.exec(mail.messageId)?.[0] ?? `<${mail.messageId}>`)
    : undefined;
  const from = mail.from?.text || mail.from?.value[0]?.address || '';
  const body = mail.text ?? '';
  return {
    messageId,
    from,
    to: addressList(mail.to),
    // A message without a usable Date header counts from when it arrived.
    date: (mail.date && !Number.isNaN(mail.date.getTime()) ? mail.date : receivedAt).toISOString(),
    subject: mail.subject,
    text: report.text ? `${body}\n${report.text}` : body,
    headers,
  };
}
