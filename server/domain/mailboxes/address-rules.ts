/**
 * Sender addresses the product refuses to link (seed 003, "Check your email address"): the address
 * must not contain any of these character sequences. The seed lists them as whole-address examples
 * (example--domain.com, example..domain.com, example@.domain.com, example.@domain.com,
 * example-@domain.com, example@-domain.com); the rule is the sequence, wherever it appears.
 */
export const INVALID_ADDRESS_SEQUENCES = [
  { sequence: '--', message: 'contains "--" (two hyphens in a row)' },
  { sequence: '..', message: 'contains ".." (two dots in a row)' },
  { sequence: '@.', message: 'has a dot right after "@"' },
  { sequence: '.@', message: 'has a dot right before "@"' },
  { sequence: '-@', message: 'has a hyphen right before "@"' },
  { sequence: '@-', message: 'has a hyphen right after "@"' },
] as const;

/**
 * The one exception: "xn--" opening a domain label is the IDNA ACE prefix (RFC 5890), how every
 * internationalised domain is written on the wire; refusing it would refuse whole countries' domains.
 */
function withoutIdnaPrefixes(address: string): string {
  const at = address.lastIndexOf('@');
  const domain = address
    .slice(at + 1)
    .split('.')
    .map((label) => (label.startsWith('xn--') ? `xn${label.slice(4)}` : label))
    .join('.');
  return `${address.slice(0, at + 1)}${domain}`;
}

/** Every seed rule the address breaks, as messages; empty when it may be linked. */
export function addressRuleViolations(address: string): string[] {
  const normalised = address.trim().toLowerCase();
  const problems: string[] = [];
  if ((normalised.match(/@/g) ?? []).length !== 1) problems.push('must contain exactly one "@"');
  const withoutIdna = withoutIdnaPrefixes(normalised);
  for (const rule of INVALID_ADDRESS_SEQUENCES) {
    const haystack = rule.sequence === '--' ? withoutIdna : normalised;
    if (haystack.includes(rule.sequence)) problems.push(rule.message);
  }
  return problems;
}
