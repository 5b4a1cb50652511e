import { createHash } from 'node:crypto';
import { getHeader, type MessageHeaders } from '../../../shared/replies/headers';

const ADDRESS = /[^\s<>"'(),;:[\]\\]+@[^\s<>"'(),;:[\]\\]+/;

/**
 * The address in a From value: `Name <a@b>`, `"Last, First" <a@b>`, a bare `a@b`, or `a@b (Name)`.
 * Lower-cased, since contacts are matched on `email_lower`. Null when there is no address at all.
 */
export function parseAddress(from: string): string | null {
  const bracketed = /<\s*(?:mailto:)?([^<>\s]+@[^<>\s]+?)\s*>/i.exec(from);
  const found = bracketed?.[1] ?? ADDRESS.exec(from)?.[0];
  if (!found) return null;
  return found
    .replace(/^mailto:/i, '')
    .replace(/\.+$/, '')
    .toLowerCase();
}

/** Every address written in a text (a delivery report lists the failed ones), lower-cased, once each. */
export function addressesIn(text: string | undefined): string[] {
  if (!text) return [];
  const out = new Set<string>();
  for (const m of text.matchAll(new RegExp(ADDRESS.source, 'g'))) {
    out.add(m[0].replace(/\.+$/, '').toLowerCase());
  }
  return [...out];
}

/**
 * A reported message id in RFC 5322 form (`<local@domain>`), or null. Hosts also report their own
 * ids (Gmail's hex ids, Outlook's item ids); those can never equal a Message-ID we sent, so they
 * are not looked up as one, though they still serve as the idempotency key.
 */
export function normalizeMessageId(raw: string | undefined): string | null {
  if (!raw) return null;
  const token = /<[^<>\s]+@[^<>\s]+>/.exec(raw)?.[0];
  if (token) return token;
  const bare = raw.trim();
  return /^[^<>\s@]+@[^<>\s@]+$/.test(bare) ? `<${bare}>` : null;
}

/** Message-IDs a message answers or quotes (In-Reply-To, References), in RFC form. */
export function referencedMessageIds(headers: MessageHeaders | undefined): string[] {
  const out = new Set<string>();
  for (const name of ['In-Reply-To', 'References']) {
    const value = getHeader(headers, name);
    if (!value) continue;
    for (const m of value.matchAll(/<[^<>\s]+@[^<>\s]+>/g)) out.add(m[0]);
  }
  return [...out];
}

/** The failed addresses a delivery report names in `X-Failed-Recipients` (Exim, Gmail). */
export function failedRecipients(headers: MessageHeaders | undefined): string[] {
  const value = getHeader(headers, 'X-Failed-Recipients');
  return value ? addressesIn(value) : [];
}

const KEY_TEXT_CHARS = 200;

/**
 * The idempotency key of a reported message, unique per team. The host's message id when there is
 * one; otherwise a hash of what identifies the message on the page. The date is hashed as an instant
 * and the sender as an address, so the same message scraped with another offset or display name
 * still maps to one key.
 */
export function observationKey(
  threadId: string,
  m: { messageId?: string | undefined; from: string; date: string; text?: string | undefined },
): string {
  const id = m.messageId?.trim();
  if (id) return `msg:${id}`;
  const instant = new Date(m.date);
  const parts = [
    threadId,
    parseAddress(m.from) ?? m.from.trim().toLowerCase(),
    Number.isNaN(instant.getTime()) ? m.date : instant.toISOString(),
    (m.text ?? '').slice(0, KEY_TEXT_CHARS),
  ];
  return `msg-hash:${createHash('sha256').update(JSON.stringify(parts)).digest('hex')}`;
}
