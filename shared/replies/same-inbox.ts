/**
 * One key per inbox for an address: the variants a provider delivers to the same inbox map to it.
 * `rep+tag@x` is `rep@x` (sub-addressing, which Gmail, Outlook, Fastmail and most servers honour), and at
 * gmail.com/googlemail.com dots in the local part are ignored and both domains are one. Used to tell
 * the team's own mail from a contact's: a reply matcher must never read the rep's `+tag` copy as an
 * answer. Returns null for anything that is not `local@domain`.
 */
const GMAIL_DOMAINS = new Set(['gmail.com', 'googlemail.com']);

export function inboxKey(address: string): string | null {
  const trimmed = address.trim().toLowerCase();
  const at = trimmed.lastIndexOf('@');
  if (at <= 0 || at === trimmed.length - 1) return null;
  let local = trimmed.slice(0, at);
  let domain = trimmed.slice(at + 1);
  const plus = local.indexOf('+');
  // A local part that is only a tag ("+x@") keeps it: stripping would leave no mailbox.
  if (plus > 0) local = local.slice(0, plus);
  if (GMAIL_DOMAINS.has(domain)) {
    local = local.replaceAll('.', '');
    domain = 'gmail.com';
    if (local === '') return null;
  }
  return `${local}@${domain}`;
}

/** The inbox keys of a list of addresses (unparseable ones dropped). */
export function inboxKeys(addresses: Iterable<string>): Set<string> {
  const out = new Set<string>();
  for (const a of addresses) {
    const key = inboxKey(a);
    if (key) out.add(key);
  }
  return out;
}
