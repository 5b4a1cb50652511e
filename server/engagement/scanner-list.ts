import ipaddr from 'ipaddr.js';

/*
 * What gives a machine away when it follows a link or loads the pixel. User agents come first from
 * `isbot` (a maintained list of crawlers, previewers and HTTP libraries); these add the mail security
 * gateways and image proxies that isbot treats as browsers or does not name. Network ranges are the
 * ones the vendors publish for their scanning and proxy egress; update them from the sources named.
 */

/** Mail security gateways that follow links before the recipient does. */
export const SCANNER_AGENTS: RegExp[] = [
  /proofpoint/i,
  /mimecast/i,
  /barracuda/i,
  /ironport|cisco.?secure.?email/i,
  /trend.?micro|\bTMUFE\b/i,
  /symantec|broadcom.?email/i,
  /forcepoint|websense/i,
  /fireeye|trellix/i,
  /sophos/i,
  /checkpoint|check.?point|avanan/i,
  /abnormal.?security/i,
  /microsoft.?office.?(existence|protocol).?discovery/i,
  /safelinks|atp.?scanner/i,
  /zscaler/i,
];

/** Image proxies that fetch the pixel for the reader, whether or not anyone looks at the mail. */
export const IMAGE_PROXY_AGENTS: { pattern: RegExp; name: string }[] = [
  { pattern: /GoogleImageProxy|ggpht\.com/i, name: 'google_image_proxy' },
  { pattern: /YahooMailProxy/i, name: 'yahoo_mail_proxy' },
  // Apple Mail Privacy Protection fetches with a bare "Mozilla/5.0" and nothing else.
  { pattern: /^Mozilla\/5\.0$/, name: 'apple_mpp' },
];

/** Published egress ranges: [CIDR, who, source]. */
const SCANNER_RANGES: [string, string][] = [
  // Microsoft Exchange Online Protection / Defender Safe Links (learn.microsoft.com, "Exchange Online URLs and IP ranges").
  ['40.92.0.0/15', 'microsoft_eop'],
  ['40.107.0.0/16', 'microsoft_eop'],
  ['52.100.0.0/14', 'microsoft_eop'],
  ['104.47.0.0/17', 'microsoft_eop'],
  // Mimecast (community.mimecast.com, "Mimecast data centers and URLs").
  ['205.139.110.0/24', 'mimecast'],
  ['207.211.30.0/24', 'mimecast'],
  ['207.211.31.0/25', 'mimecast'],
  ['170.10.128.0/24', 'mimecast'],
  ['170.10.129.0/24', 'mimecast'],
  ['170.10.132.56/29', 'mimecast'],
  ['170.10.132.64/29', 'mimecast'],
  ['170.10.133.0/24', 'mimecast'],
  ['185.58.84.0/22', 'mimecast'],
  ['195.130.217.0/24', 'mimecast'],
  ['91.220.42.0/24', 'mimecast'],
  // Proofpoint (help.proofpoint.com, "Proofpoint Essentials IP ranges"; pphosted.com).
  ['67.231.144.0/20', 'proofpoint'],
  ['148.163.128.0/19', 'proofpoint'],
  ['208.84.65.0/24', 'proofpoint'],
  ['208.86.201.0/24', 'proofpoint'],
  ['185.183.28.0/22', 'proofpoint'],
  // Barracuda Email Security Service (campus.barracuda.com, "Barracuda IP ranges").
  ['64.235.144.0/20', 'barracuda'],
  ['209.222.80.0/21', 'barracuda'],
  ['35.170.131.81/32', 'barracuda'],
];

/** Image proxy ranges. */
const PROXY_RANGES: [string, string][] = [
  // Apple's own network: Mail Privacy Protection prefetches from here (support.apple.com/HT210060).
  ['17.0.0.0/8', 'apple_mpp'],
  // Google's image proxy (googleusercontent / ggpht fetchers).
  ['66.102.0.0/20', 'google_image_proxy'],
  ['66.249.80.0/20', 'google_image_proxy'],
  ['74.125.0.0/16', 'google_image_proxy'],
];

type Range = { net: [ipaddr.IPv4 | ipaddr.IPv6, number]; name: string };
const parseRanges = (list: [string, string][]): Range[] =>
  list.map(([cidr, name]) => ({ net: ipaddr.parseCIDR(cidr), name }));
const scannerRanges = parseRanges(SCANNER_RANGES);
const proxyRanges = parseRanges(PROXY_RANGES);

function lookup(ranges: Range[], ip: string | null | undefined): string | null {
  if (!ip || !ipaddr.isValid(ip)) return null;
  let addr = ipaddr.parse(ip);
  if (addr.kind() === 'ipv6' && (addr as ipaddr.IPv6).isIPv4MappedAddress()) {
    addr = (addr as ipaddr.IPv6).toIPv4Address();
  }
  for (const r of ranges) {
    if (r.net[0].kind() === addr.kind() && addr.match(r.net)) return r.name;
  }
  return null;
}

export const scannerNetwork = (ip: string | null | undefined) => lookup(scannerRanges, ip);
export const imageProxyNetwork = (ip: string | null | undefined) => lookup(proxyRanges, ip);
