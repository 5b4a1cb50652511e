import { findAddress } from '../../lib/addresses';
import { parseHostDate } from '../../lib/host-dates';
import type { MailMessage } from '../mail-host';
import { NameDirectory } from './outlook-directory';
import { type MessageReading, messageRoots, readMessage, type ShownPerson } from './outlook-message';
import { labelValue } from './owa-labels';
import { closestPart, findPart, findParts, OWA_PARTS } from './selectors';

export interface OutlookConversation {
  kind: 'conversation';
  id: string;
  subject: string;
  messages: MailMessage[];
  names: Map<string, string>;
  /** People shown by name only whose address the page does not hold anywhere. */
  unresolved: string[];
}

/** A conversation is open but Stride cannot read it: which part is missing, in words. */
export interface OutlookProblem {
  kind: 'problem';
  id: string;
  reason: string;
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

const idInUrl = (loc: Location | undefined) => {
  const found = /\/id\/([^/?#]+)/.exec(loc?.pathname ?? '')?.[1];
  return found ? decodeURIComponent(found) : undefined;
};

/** The open conversation's id: OWA's URL, the pane's data-convid, or the selected list row. */
function conversationId(doc: Document, pane: Element | undefined): string | undefined {
  return (
    idInUrl(doc.defaultView?.location) ??
    (pane ? findPart(pane, OWA_PARTS.conversationId)?.getAttribute('data-convid') : undefined) ??
    findPart(doc, OWA_PARTS.selectedRow)?.getAttribute('data-convid') ??
    undefined
  );
}

/**
 * The subject: the pane's first heading that is not a message's sender line and not inside a body
 * (mail bodies have headings of their own).
 */
function subjectOf(pane: HTMLElement): string {
  const heading = findParts(pane, OWA_PARTS.subject).find(
    (h) =>
      labelValue('from', h.getAttribute('aria-label')) === undefined &&
      !findAddress(h.textContent) &&
      !closestPart(h, OWA_PARTS.messageBody),
  );
  if (!heading) return '';
  const titled = heading.querySelector('[title]')?.getAttribute('title');
  return (titled ?? heading.textContent ?? '').replace(/\s+/g, ' ').trim();
}

const resolvedAddress = (p: ShownPerson | undefined, dir: NameDirectory) =>
  p?.address ?? dir.resolve(p?.name);

/**
 * The conversation open in the reading pane; a problem when one is open but cannot be read; undefined
 * when none is (e.g. a compose form alone). `memo` keeps each message as first read, so its reported
 * date does not drift between scans.
 */
export function readConversation(
  doc: Document,
  now: () => Date,
  memo: Map<string, MailMessage>,
): OutlookConversation | OutlookProblem | undefined {
  const pane = findPart(doc, OWA_PARTS.readingPane);
  const urlId = idInUrl(doc.defaultView?.location);
  if (!pane) {
    return urlId
      ? { kind: 'problem', id: urlId, reason: `Stride can't find ${OWA_PARTS.readingPane.what}.` }
      : undefined;
  }
  const roots = messageRoots(pane);
  const id = conversationId(doc, pane);
  if (roots.length === 0) {
    return urlId
      ? {
          kind: 'problem',
          id: urlId,
          reason: `Stride can't find ${OWA_PARTS.message.what} in the reading pane.`,
        }
      : undefined;
  }
  if (!id)
    return { kind: 'problem', id: 'unknown', reason: `Stride can't find ${OWA_PARTS.conversationId.what}.` };
  const readings: MessageReading[] = roots.map(readMessage);
  if (!readings.some((r) => r.sender)) {
    return { kind: 'problem', id, reason: `Stride can't find ${OWA_PARTS.sender.what}.` };
  }

  const people = readings.flatMap((r) => [r.sender, ...r.to, ...r.cc]);
  const directory = new NameDirectory();
  for (const p of people) directory.addPerson(p);
  // Reading the whole page's personas costs a scan: only when someone is shown by name alone.
  if (people.some((p) => p && !p.address)) directory.addPage(doc);

  const names = new Map<string, string>();
  const unresolved: string[] = [];
  const note = (p: ShownPerson | undefined): string | undefined => {
    const address = resolvedAddress(p, directory);
    if (address && p?.name && !names.has(address)) names.set(address, p.name);
    if (!address && p?.name && !unresolved.includes(p.name)) unresolved.push(p.name);
    return address;
  };

  const at = now();
  const messages: MailMessage[] = [];
  for (const r of readings) {
    const from = note(r.sender);
    const to = [...r.to, ...r.cc].map(note).filter((a): a is string => !!a);
    if (!from) continue;
    const key = `owa|${id}|${from}|${r.rawDate}|${r.text.slice(0, 200)}`;
    const known = memo.get(key);
    if (known) {
      messages.push(known);
      continue;
    }
    const message: MailMessage = {
      key,
      from,
      to: [...new Set(to)],
      date: refineMinute(parseHostDate(r.rawDate, now, doc.documentElement.lang), at),
      ...(r.text ? { text: r.text.slice(0, 200_000) } : {}),
    };
    memo.set(key, message);
    messages.push(message);
  }
  return { kind: 'conversation', id, subject: subjectOf(pane), messages, names, unresolved };
}
