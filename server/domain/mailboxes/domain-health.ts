import type { ProviderName } from '../../../shared/schemas/mailbox';

/** node:dns/promises `resolveTxt` shape: each record is the list of its character-strings. */
export type ResolveTxt = (name: string) => Promise<string[][]>;

export type CheckStatus = 'pass' | 'warn' | 'fail' | 'unknown';

export interface DnsCheck {
  status: CheckStatus;
  /** The records found (TXT strings joined), for the rep to compare with their DNS panel. */
  records: string[];
  advice: string[];
}

export interface DkimCheck extends DnsCheck {
  selectors: { selector: string; found: boolean }[];
}

export interface DomainHealth {
  domain: string;
  status: CheckStatus;
  spf: DnsCheck;
  dkim: DkimCheck;
  dmarc: DnsCheck;
}

/** Google Workspace, Microsoft 365 (two), and the common generic one. */
export const DEFAULT_DKIM_SELECTORS = ['google', 'selector1', 'selector2', 'k1'] as const;

/** What each sending provider's SPF include looks like, to say which one is missing. */
const SPF_INCLUDES: Partial<Record<ProviderName, string>> = {
  gmail: '_spf.google.com',
  outlook: 'spf.protection.outlook.com',
  sendgrid: 'sendgrid.net',
  mailgun: 'mailgun.org',
};

const NO_RECORD_CODES = new Set(['ENOTFOUND', 'ENODATA', 'NXDOMAIN']);

type Lookup = { ok: true; records: string[] } | { ok: false; error: string };

async function txt(resolve: ResolveTxt, name: string): Promise<Lookup> {
  try {
    return { ok: true, records: (await resolve(name)).map((chunks) => chunks.join('')) };
  } catch (err) {
    const code = (err as { code?: unknown }).code;
    if (typeof code === 'string' && NO_RECORD_CODES.has(code)) return { ok: true, records: [] };
    return { ok: false, error: typeof code === 'string' ? code : (err as Error).message };
  }
}

const lookupFailed = (name: string, error: string): DnsCheck => ({
  status: 'unknown',
  records: [],
  advice: [`The DNS lookup of ${name} failed (${error}); check again in a few minutes.`],
});

export function checkSpf(domain: string, lookup: Lookup, provider: ProviderName): DnsCheck {
  if (!lookup.ok) return lookupFailed(domain, lookup.error);
  const records = lookup.records.filter((r) => /^v=spf1(\s|$)/i.test(r.trim()));
  if (records.length === 0) {
    const include = SPF_INCLUDES[provider];
    return {
      status: 'fail',
      records,
      advice: [
        `${domain} has no SPF record. Add a TXT record such as "v=spf1 ${include ? `include:${include} ` : ''}~all" ` +
          'so receivers know who may send for the domain.',
      ],
    };
  }
  if (records.length > 1) {
    return {
      status: 'fail',
      records,
      advice: ['There is more than one SPF record; receivers treat that as an error. Merge them into one.'],
    };
  }
  const record = (records[0] ?? '').toLowerCase();
  const terms = record.split(/\s+/);
  const advice: string[] = [];
  let status: CheckStatus = 'pass';
  const all = terms.find((t) => /^[+?~-]?all$/.test(t));
  if (!all) {
    status = 'warn';
    advice.push('The SPF record has no "all" mechanism; end it with "~all" or "-all".');
  } else if (all === 'all' || all === '+all') {
    status = 'fail';
    advice.push('"+all" lets anyone send as this domain; use "~all" or "-all".');
  } else if (all === '?all') {
    status = 'warn';
    advice.push('"?all" is neutral and protects nothing; use "~all" or "-all".');
  }
  const include = SPF_INCLUDES[provider];
  if (include && !terms.includes(`include:${include}`)) {
    status = status === 'fail' ? 'fail' : 'warn';
    advice.push(
      `The SPF record does not include ${include}, which ${provider} sends from; add "include:${include}".`,
    );
  }
  return { status, records, advice };
}

export function checkDkim(
  domain: string,
  lookups: { selector: string; lookup: Lookup }[],
  explicitSelector: boolean,
): DkimCheck {
  const selectors = lookups.map(({ selector, lookup }) => ({
    selector,
    found: lookup.ok && lookup.records.some((r) => /(^|;)\s*(v=DKIM1|p=)/i.test(r)),
  }));
  const records = lookups.flatMap(({ lookup }) => (lookup.ok ? lookup.records : []));
  const failed = lookups.filter((l) => !l.lookup.ok);
  if (selectors.some((s) => s.found)) {
    const revoked = records.some((r) => /(^|;)\s*p=\s*(;|$)/i.test(r));
    return revoked
      ? {
          status: 'warn',
          records,
          selectors,
          advice: ['A DKIM key is published empty ("p="), which means revoked; publish the current key.'],
        }
      : { status: 'pass', records, selectors, advice: [] };
  }
  if (failed.length > 0) return { ...lookupFailed(`${domain} DKIM selectors`, 'lookup error'), selectors };
  const names = selectors.map((s) => `${s.selector}._domainkey.${domain}`).join(', ');
  return {
    status: explicitSelector ? 'fail' : 'warn',
    records,
    selectors,
    advice: [
      explicitSelector
        ? `No DKIM key at ${names}. Publish the key your mail provider gives you there.`
        : `No DKIM key at the usual selectors (${names}). If your provider uses another selector, ` +
          'check again with ?selector=<name>; otherwise set up DKIM signing with your mail provider.',
    ],
  };
}

export function checkDmarc(domain: string, lookup: Lookup): DnsCheck {
  if (!lookup.ok) return lookupFailed(`_dmarc.${domain}`, lookup.error);
  const records = lookup.records.filter((r) => /^v=DMARC1(\s*;|$)/i.test(r.trim()));
  if (records.length === 0) {
    return {
      status: 'fail',
      records,
      advice: [
        `${domain} has no DMARC record. Add a TXT record at _dmarc.${domain}, starting with ` +
          `"v=DMARC1; p=none; rua=mailto:dmarc@${domain}" and tightening to quarantine once reports look clean.`,
      ],
    };
  }
  if (records.length > 1) {
    return {
      status: 'fail',
      records,
      advice: ['There is more than one DMARC record; receivers ignore them all.'],
    };
  }
  const policy = /(^|;)\s*p\s*=\s*([a-z]+)/i.exec(records[0] ?? '')?.[2]?.toLowerCase();
  if (policy === 'quarantine' || policy === 'reject') return { status: 'pass', records, advice: [] };
  if (policy === 'none') {
    return {
      status: 'warn',
      records,
      advice: ['DMARC policy is "none" (monitoring only); move to "quarantine" once SPF and DKIM pass.'],
    };
  }
  return {
    status: 'fail',
    records,
    advice: ['The DMARC record has no valid policy (p=none|quarantine|reject).'],
  };
}

const RANK: Record<CheckStatus, number> = { pass: 0, unknown: 1, warn: 2, fail: 3 };

export function worst(statuses: CheckStatus[]): CheckStatus {
  return statuses.reduce<CheckStatus>((w, s) => (RANK[s] > RANK[w] ? s : w), 'pass');
}

/** SPF, DKIM and DMARC of the sender's domain; lookups run in parallel through the given resolver. */
export async function checkDomainHealth(
  resolve: ResolveTxt,
  input: { domain: string; provider: ProviderName; selectors?: readonly string[] | undefined },
): Promise<DomainHealth> {
  const domain = input.domain.toLowerCase();
  const explicit = input.selectors !== undefined && input.selectors.length > 0;
  const selectors = explicit ? (input.selectors ?? []) : DEFAULT_DKIM_SELECTORS;
  const [spf, dmarc, ...dkim] = await Promise.all([
    txt(resolve, domain),
    txt(resolve, `_dmarc.${domain}`),
    ...selectors.map((s) => txt(resolve, `${s}._domainkey.${domain}`)),
  ]);
  const result = {
    domain,
    spf: checkSpf(domain, spf as Lookup, input.provider),
    dkim: checkDkim(
      domain,
      selectors.map((selector, i) => ({ selector, lookup: dkim[i] as Lookup })),
      explicit,
    ),
    dmarc: checkDmarc(domain, dmarc as Lookup),
  };
  return { ...result, status: worst([result.spf.status, result.dkim.status, result.dmarc.status]) };
}

/** Seed 003's configuration advice about the mailbox itself (limits, tracking, connection). */
export function mailboxAdvice(row: {
  status: 'active' | 'inactive';
  inactiveReason: string | null;
  dailyLimit: number;
  hourlyLimit: number;
  openTracking: boolean;
  unsubscribeEnabled: boolean;
}): { status: CheckStatus; advice: string[] } {
  const advice: string[] = [];
  let status: CheckStatus = 'pass';
  if (row.status === 'inactive') {
    status = 'fail';
    advice.push(
      `The mailbox is inactive (${row.inactiveReason ?? 'no reason recorded'}); reconnect it to send again.`,
    );
  }
  if (row.dailyLimit > 50 || row.hourlyLimit > 6) {
    status = worst([status, 'warn']);
    advice.push(
      'Start with conservative limits (50 a day, 6 an hour); high limits invite deliverability trouble.',
    );
  }
  if (row.openTracking) {
    status = worst([status, 'warn']);
    advice.push('Open tracking is on; keep it off unless you are running a specific experiment.');
  }
  if (!row.unsubscribeEnabled) {
    status = worst([status, 'warn']);
    advice.push('The unsubscribe link is off; every sequence email should let recipients opt out.');
  }
  return { status, advice };
}
