import ipaddr from 'ipaddr.js';

/**
 * Whether an IP address is one a provider host must not resolve to: loopback, private, link-local
 * (cloud metadata at 169.254.169.254), carrier-grade NAT, unique-local, multicast, reserved,
 * unspecified, and IPv4 hidden in IPv6 (::ffff:127.0.0.1). Only ordinary public unicast passes.
 * Anything that does not parse as an address counts as internal: refusing is the safe answer.
 */
export function isInternalAddress(address: string): boolean {
  const bare = address.startsWith('[') && address.endsWith(']') ? address.slice(1, -1) : address;
  // A zone id (fe80::1%eth0) only ever names a local link.
  if (bare.includes('%')) return true;
  if (!ipaddr.isValid(bare)) return true;
  const parsed = ipaddr.process(bare);
  return parsed.range() !== 'unicast';
}

/** Host names that mean this machine whatever DNS says. */
export function isLocalHostName(host: string): boolean {
  const h = host.toLowerCase().replace(/\.$/, '');
  return h === 'localhost' || h.endsWith('.localhost') || h === 'localhost.localdomain';
}

/**
 * A check that needs no DNS, for the moment settings are saved: the host is a literal internal
 * address or a localhost name. Names that resolve inward are caught when connecting (net-guard).
 */
export function isObviouslyInternalHost(host: string): boolean {
  const bare = host.startsWith('[') && host.endsWith(']') ? host.slice(1, -1) : host;
  if (isLocalHostName(bare)) return true;
  return ipaddr.isValid(bare) ? isInternalAddress(bare) : false;
}
