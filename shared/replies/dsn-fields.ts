/**
 * RFC 3464 per-recipient fields of a delivery status notification. Read from the
 * `message/delivery-status` part when the message was parsed from source, and from the text too:
 * webmail shows that part inline, and several MTAs (Sendmail, Exim, Domino) repeat the fields in
 * their human-readable part.
 */
export interface DsnRecipient {
  recipient: string | null;
  /** `failed`, `delayed`, `delivered`, `relayed` or `expanded`, lower-case. */
  action: string | null;
  /** RFC 3463 code, e.g. `5.1.1`. */
  status: string | null;
}

const FIELD = /^[ \t]*(Final-Recipient|Original-Recipient|Action|Status)[ \t]*:[ \t]*(.*)$/gim;
const STATUS_CODE = /^([245])\.(\d{1,3})\.(\d{1,3})\b/;

/** Recipient blocks in order; a new Final-Recipient starts a block, as in RFC 3464 §2.3. */
export function readDsnFields(text: string): DsnRecipient[] {
  const blocks: DsnRecipient[] = [];
  let current: DsnRecipient | null = null;
  for (const m of text.matchAll(FIELD)) {
    const name = (m[1] as string).toLowerCase();
    const value = (m[2] as string).trim();
    if (name === 'final-recipient' || (name === 'original-recipient' && !current)) {
      current = { recipient: null, action: null, status: null };
      blocks.push(current);
    }
    if (!current) {
      current = { recipient: null, action: null, status: null };
      blocks.push(current);
    }
    if (name.endsWith('recipient')) {
      // "rfc822; ana@example.org": the address type comes first.
      const address = value.split(';').pop()?.trim().replace(/^<|>$/g, '').toLowerCase() ?? '';
      if (address.includes('@') && !current.recipient) current.recipient = address;
    } else if (name === 'action') {
      current.action = value.split(/[\s(;]/)[0]?.toLowerCase() ?? null;
    } else {
      current.status = STATUS_CODE.exec(value)?.[0] ?? current.status;
    }
  }
  return blocks.filter((b) => b.action !== null || b.status !== null);
}
