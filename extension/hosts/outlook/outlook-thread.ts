import { findAddress } from '../../lib/addresses';
import { parseHostDate } from '../../lib/host-dates';
import type { MailMessage } from '../mail-host';
import { OWA } from './selectors';

export interface OutlookConversation {
  id: string;
  subject: string;
  messages: MailMessage[];
  names: Map<string, string>;
}

function addressesIn(root: Element | null, names: Map<string, string>): string[] {
  if (!root) return [];
  const out: string[] = [];
  const candidates = [root, ...root.querySelectorAll(OWA.persona)];
  for (const el of candidates) {
    const address = findAddress(el.getAttribute('title')) ?? findAddress(el.getAttribute('aria-label'));
    if (!address || out.includes(address)) continue;
    out.push(address);
    const name = el.textContent?.trim();
    if (name && !name.includes('@')) names.set(address, name);
  }
  return out;
}

/**
 * OWA shows times to the minute. A message stamped within the last minute is one that just
 * arrived, so we report when we saw it: rounding down could place a fresh reply before an
 * enrollment made seconds earlier.
 */
function refineMinute(iso: string, now: Date): string {
  const t = Date.parse(iso);
  const age = now.getTime() - t;
  return age >= 0 && age < 60_000 ? now.toISOString() : iso;
}

function conversationId(pane: Element, loc: Location | undefined): string | undefined {
  const fromUrl = /\/id\/([^/?#]+)/.exec(loc?.pathname ?? '')?.[1];
  if (fromUrl) return decodeURIComponent(fromUrl);
  return pane.querySelector(OWA.conversationId)?.getAttribute('data-convid') ?? undefined;
}

/**
 * The conversation open in the reading pane, or undefined when none is (e.g. a compose form).
 * `memo` keeps each message as first read, so its reported date does not drift between scans.
 */
export function readConversation(
  doc: Document,
  now: () => Date,
  memo: Map<string, MailMessage>,
): OutlookConversation | undefined {
  const pane = doc.querySelector(OWA.readingPane);
  if (!pane) return undefined;
  const nodes = [...pane.querySelectorAll(OWA.message)];
  if (nodes.length === 0) return undefined;
  const id = conversationId(pane, doc.defaultView?.location);
  if (!id) return undefined;
  const subjectEl = pane.querySelector(OWA.subject);
  const subject = (
    subjectEl?.querySelector('[title]')?.getAttribute('title') ??
    subjectEl?.textContent ??
    ''
  ).trim();
  const names = new Map<string, string>();
  const at = now();
  const messages: MailMessage[] = [];
  for (const node of nodes) {
    const [from] = addressesIn(node.querySelector(OWA.messageFrom), names);
    if (!from) continue;
    const dateEl = node.querySelector(OWA.messageDate);
    const rawDate = (dateEl?.getAttribute('title') ?? dateEl?.textContent ?? '').trim();
    const body = node.querySelector(OWA.messageBody) as HTMLElement | null;
    // innerText is the text as the rep sees it (line breaks, no hidden parts)
    const text = (body?.innerText ?? body?.textContent ?? '').trim();
    const key = `owa|${id}|${from}|${rawDate}|${text.slice(0, 200)}`;
    const known = memo.get(key);
    if (known) {
      messages.push(known);
      continue;
    }
    const message: MailMessage = {
      key,
      from,
      to: [
        ...addressesIn(node.querySelector(OWA.messageTo), names),
        ...addressesIn(node.querySelector(OWA.messageCc), names),
      ],
      date: refineMinute(parseHostDate(rawDate, now), at),
      ...(text ? { text: text.slice(0, 200_000) } : {}),
    };
    memo.set(key, message);
    messages.push(message);
  }
  return { id, subject, messages, names };
}
