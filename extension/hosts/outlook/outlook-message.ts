import { findAddress } from '../../lib/addresses';
import { labelValue } from './owa-labels';
import { findPart, findParts, OWA_PARTS } from './selectors';

/** A person as OWA shows them: an address when the page has one, else only a display name. */
export interface ShownPerson {
  address?: string;
  name?: string;
}

/** One message as read from the reading pane, before addresses are resolved. */
export interface MessageReading {
  root: HTMLElement;
  sender?: ShownPerson;
  to: ShownPerson[];
  cc: ShownPerson[];
  rawDate: string;
  text: string;
}

const ADDRESSES = /[A-Za-z0-9._%+'-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/g;
/** "Label: value" in any language: a short label, a colon (ASCII or full-width), a value. */
const LABELLED = /^([^:：]{1,24}?)\s?[:：]\s*(\S.*)$/s;

const attr = (el: Element, name: string) => el.getAttribute(name) ?? '';
const text = (el: Element | null | undefined) => (el?.textContent ?? '').replace(/\s+/g, ' ').trim();

/**
 * Every message in the pane, in order. A message is an element labelled as one, or else the largest
 * element around exactly one message body (OWA nests header, recipients and body under it).
 */
export function messageRoots(pane: HTMLElement): HTMLElement[] {
  const bodies = findParts(pane, OWA_PARTS.messageBody);
  const labelled = findParts(pane, OWA_PARTS.message);
  const roots = new Set<HTMLElement>(labelled);
  for (const body of bodies) {
    if (labelled.some((m) => m.contains(body))) continue;
    let el: HTMLElement = body;
    while (el.parentElement && el.parentElement !== pane) {
      const parent = el.parentElement;
      if (bodies.some((other) => other !== body && parent.contains(other))) break;
      el = parent;
    }
    roots.add(el);
  }
  return [...roots].sort((a, b) =>
    a.compareDocumentPosition(b) & Node.DOCUMENT_POSITION_FOLLOWING ? -1 : 1,
  );
}

const PERSONA = OWA_PARTS.persona.structure.join(', ');
const OUTSIDE_HEADER = [
  'button',
  '[role="button"]',
  '[role="menuitem"]',
  ...OWA_PARTS.toolbar.structure,
  ...OWA_PARTS.recipients.structure,
].join(', ');

/** Parts of a message header Stride must not take for the sender. */
function isOutsideHeader(el: Element, body: Element | undefined): boolean {
  if (body?.contains(el)) return true;
  return el.closest(OUTSIDE_HEADER) !== null;
}

/** A label Stride knows as something other than the sender. */
const isOtherLabel = (label: string) =>
  labelValue('to', label) !== undefined ||
  labelValue('cc', label) !== undefined ||
  labelValue('bcc', label) !== undefined ||
  labelValue('sent', label) !== undefined;

/** The person inside an element: its address from persona attributes or text, and its display name. */
export function personIn(el: Element, labelled?: string): ShownPerson {
  const candidates = [el, ...el.querySelectorAll(PERSONA)];
  let address: string | undefined;
  for (const c of candidates) {
    address = findAddress(attr(c, 'title')) ?? findAddress(attr(c, 'aria-label'));
    if (address) break;
  }
  address ??= findAddress(labelled) ?? findAddress(text(el));
  const shown = (labelled && !findAddress(labelled) ? labelled : text(el)).replace(/<[^>]*>/g, '').trim();
  const name = shown && !shown.includes('@') ? shown : undefined;
  return { ...(address ? { address } : {}), ...(name ? { name } : {}) };
}

/**
 * The sender element: labelled "From" in a language of the table, else (any other language) the first
 * "<label>: <value>" in the header that is not a recipient or date label.
 */
function senderOf(root: HTMLElement, body: HTMLElement | undefined): ShownPerson | undefined {
  const header = [...root.querySelectorAll<HTMLElement>('[aria-label]')].filter(
    (el) => !isOutsideHeader(el, body),
  );
  const known = header.find((el) => labelValue('from', attr(el, 'aria-label')) !== undefined);
  if (known) return personIn(known, labelValue('from', attr(known, 'aria-label')));
  for (const el of header) {
    const m = LABELLED.exec(attr(el, 'aria-label').trim());
    if (m && !isOtherLabel(attr(el, 'aria-label'))) return personIn(el, m[2]);
  }
  return undefined;
}

/**
 * The To and Cc people of a message: OWA's recipient wells (text like "To: a@x; Cc: b@y" or persona
 * chips), or elements labelled To/Cc. A label in the text switches the field for what follows it.
 */
function recipientsOf(
  root: HTMLElement,
  body: HTMLElement | undefined,
): { to: ShownPerson[]; cc: ShownPerson[] } {
  const out = { to: [] as ShownPerson[], cc: [] as ShownPerson[] };
  const seen = new Set<string>();
  const add = (field: 'to' | 'cc', person: ShownPerson) => {
    const key = person.address ?? `name:${person.name ?? ''}`;
    if (key === 'name:' || seen.has(key)) return;
    seen.add(key);
    out[field].push(person);
  };
  const fieldOf = (label: string, current: 'to' | 'cc' | 'bcc') =>
    labelValue('cc', label) !== undefined
      ? 'cc'
      : labelValue('bcc', label) !== undefined
        ? 'bcc'
        : labelValue('to', label) !== undefined
          ? 'to'
          : current;
  const wells = [...findParts(root, OWA_PARTS.recipients), ...findParts(root, OWA_PARTS.ccRecipients)].filter(
    (w, i, all) => !body?.contains(w) && !all.some((o, j) => j !== i && o.contains(w) && o !== w),
  );
  for (const well of wells) {
    let field = fieldOf(attr(well, 'aria-label'), 'to');
    const doc = well.ownerDocument;
    const walker = doc.createTreeWalker(well, 0x1 | 0x4);
    for (let node: Node | null = walker.currentNode; node; node = walker.nextNode()) {
      if (node.nodeType === 3) {
        const value = (node.nodeValue ?? '').trim();
        if (!value) continue;
        field = fieldOf(value, field);
        if (field === 'bcc') continue;
        // Text outside persona chips: addresses written out, as in "To: a@x.com; b@y.com".
        if (node.parentElement?.closest(PERSONA)) continue;
        for (const address of value.match(ADDRESSES) ?? []) add(field, { address: address.toLowerCase() });
        continue;
      }
      const el = node as HTMLElement;
      if (el !== well) field = fieldOf(attr(el, 'aria-label'), field);
      if (field === 'bcc' || !el.matches(PERSONA)) continue;
      if (el.parentElement?.closest(PERSONA)) continue;
      add(field, personIn(el));
    }
  }
  return out;
}

function dateOf(root: HTMLElement, body: HTMLElement | undefined): string {
  const el = findParts(root, OWA_PARTS.date).find((d) => !body?.contains(d));
  if (!el) return '';
  const label = attr(el, 'aria-label');
  const labelled = labelValue('sent', label);
  return (
    attr(el, 'datetime') ||
    attr(el, 'title') ||
    labelled ||
    (label && !findAddress(label) ? (LABELLED.exec(label)?.[2] ?? '') : '') ||
    text(el)
  ).trim();
}

export function readMessage(root: HTMLElement): MessageReading {
  const body = findPart(root, OWA_PARTS.messageBody);
  const sender = senderOf(root, body);
  // innerText is the text as the rep sees it (line breaks, no hidden parts)
  const bodyText = (body?.innerText ?? body?.textContent ?? '').trim();
  return {
    root,
    ...(sender && (sender.address || sender.name) ? { sender } : {}),
    ...recipientsOf(root, body),
    rawDate: dateOf(root, body),
    text: bodyText,
  };
}
