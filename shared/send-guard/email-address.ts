/*
 * A pragmatic address check: it catches the typos and junk that reach a CRM (no "@", spaces, empty
 * labels, ".." and so on) without trying to accept every RFC 5322 oddity such as quoted local parts,
 * which no prospect list contains. Every pattern is anchored and free of nested ambiguity, and the
 * input is length-capped first, so there is no catastrophic backtracking on hostile input.
 */
const MAX_ADDRESS = 254;
const MAX_LOCAL = 64;
const MAX_LABEL = 63;

const localPart = /^[\p{L}\p{N}!#$%&'*+/=?^_`{|}~-]+(?:\.[\p{L}\p{N}!#$%&'*+/=?^_`{|}~-]+)*$/u;
const domainLabel = /^[\p{L}\p{N}](?:[\p{L}\p{N}-]*[\p{L}\p{N}])?$/u;
const topLevelLabel = /^(?:\p{L}{2,}|xn--[a-z0-9-]+)$/iu;

export function isValidEmailAddress(address: string): boolean {
  if (address.length === 0 || address.length > MAX_ADDRESS) return false;
  const at = address.lastIndexOf('@');
  if (at <= 0 || at > MAX_LOCAL || at === address.length - 1) return false;
  if (!localPart.test(address.slice(0, at))) return false;
  const labels = address.slice(at + 1).split('.');
  if (labels.length < 2) return false;
  for (const label of labels) {
    if (label.length === 0 || label.length > MAX_LABEL || !domainLabel.test(label)) return false;
  }
  return topLevelLabel.test(labels[labels.length - 1] ?? '');
}

/** The part after the last "@", lower-cased; '' when there is none. */
export function emailDomain(address: string): string {
  const at = address.lastIndexOf('@');
  return at < 0 ? '' : address.slice(at + 1).toLowerCase();
}
