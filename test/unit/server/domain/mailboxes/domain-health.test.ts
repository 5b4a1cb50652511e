import { describe, expect, it } from 'vitest';
import {
  checkDomainHealth,
  mailboxAdvice,
  type ResolveTxt,
} from '../../../../../server/domain/mailboxes/domain-health';

function dnsError(code: string): Error {
  return Object.assign(new Error(`queryTxt ${code}`), { code });
}

/** A zone as a map of name → TXT records (each split in chunks, as DNS delivers long ones). */
function fakeDns(zone: Record<string, string[] | Error>): ResolveTxt & { asked: string[] } {
  const asked: string[] = [];
  const resolve = async (name: string) => {
    asked.push(name);
    const entry = zone[name];
    if (entry instanceof Error) throw entry;
    if (!entry) throw dnsError('ENOTFOUND');
    return entry.map((r) => [r.slice(0, 10), r.slice(10)]);
  };
  return Object.assign(resolve, { asked });
}

const healthy = {
  'acme.test': ['google-site-verification=abc', 'v=spf1 include:_spf.google.com ~all'],
  'google._domainkey.acme.test': ['v=DKIM1; k=rsa; p=MIIBIjANBgkq'],
  '_dmarc.acme.test': ['v=DMARC1; p=quarantine; rua=mailto:d@acme.test'],
};

describe('checkDomainHealth', () => {
  it('passes a domain with SPF including the provider, a DKIM key and an enforcing DMARC', async () => {
    const dns = fakeDns(healthy);
    const h = await checkDomainHealth(dns, { domain: 'ACME.test', provider: 'gmail' });
    expect(h.status).toBe('pass');
    expect(h.spf).toMatchObject({ status: 'pass', records: ['v=spf1 include:_spf.google.com ~all'] });
    expect(h.dkim.selectors).toEqual([
      { selector: 'google', found: true },
      { selector: 'selector1', found: false },
      { selector: 'selector2', found: false },
      { selector: 'k1', found: false },
    ]);
    expect(h.dmarc.status).toBe('pass');
    expect(dns.asked).toContain('_dmarc.acme.test');
    expect(dns.asked).toContain('k1._domainkey.acme.test');
  });

  it('fails and advises when nothing is published', async () => {
    const h = await checkDomainHealth(fakeDns({}), { domain: 'bare.test', provider: 'sendgrid' });
    expect(h.status).toBe('fail');
    expect(h.spf.status).toBe('fail');
    expect(h.spf.advice[0]).toContain('include:sendgrid.net');
    expect(h.dkim.status).toBe('warn');
    expect(h.dkim.advice[0]).toContain('?selector=');
    expect(h.dmarc.status).toBe('fail');
    expect(h.dmarc.advice[0]).toContain('_dmarc.bare.test');
  });

  it.each([
    ['v=spf1 include:_spf.google.com +all', 'fail', '+all'],
    ['v=spf1 include:_spf.google.com ?all', 'warn', 'neutral'],
    ['v=spf1 include:_spf.google.com', 'warn', 'no "all"'],
    ['v=spf1 include:spf.protection.outlook.com -all', 'warn', 'include:_spf.google.com'],
  ])('judges SPF %s as %s', async (record, status, hint) => {
    const h = await checkDomainHealth(fakeDns({ ...healthy, 'acme.test': [record] }), {
      domain: 'acme.test',
      provider: 'gmail',
    });
    expect(h.spf.status).toBe(status);
    expect(h.spf.advice.join(' ')).toContain(hint);
  });

  it('fails two SPF records', async () => {
    const h = await checkDomainHealth(
      fakeDns({ ...healthy, 'acme.test': ['v=spf1 -all', 'v=spf1 include:_spf.google.com ~all'] }),
      { domain: 'acme.test', provider: 'gmail' },
    );
    expect(h.spf.status).toBe('fail');
    expect(h.spf.advice[0]).toContain('more than one SPF record');
  });

  it('checks only the selector asked for, and fails when it is missing', async () => {
    const dns = fakeDns({ ...healthy, 's1._domainkey.acme.test': ['k=rsa; p=MIGf'] });
    const found = await checkDomainHealth(dns, { domain: 'acme.test', provider: 'gmail', selectors: ['s1'] });
    expect(found.dkim).toMatchObject({ status: 'pass', selectors: [{ selector: 's1', found: true }] });
    expect(dns.asked).not.toContain('google._domainkey.acme.test');
    const missing = await checkDomainHealth(dns, {
      domain: 'acme.test',
      provider: 'gmail',
      selectors: ['s2'],
    });
    expect(missing.dkim.status).toBe('fail');
  });

  it('warns about a revoked (empty) DKIM key and a p=none DMARC', async () => {
    const h = await checkDomainHealth(
      fakeDns({
        ...healthy,
        'google._domainkey.acme.test': ['v=DKIM1; p='],
        '_dmarc.acme.test': ['v=DMARC1; p=none'],
      }),
      { domain: 'acme.test', provider: 'gmail' },
    );
    expect(h.dkim.status).toBe('warn');
    expect(h.dmarc.status).toBe('warn');
    expect(h.status).toBe('warn');
  });

  it('says unknown, not fail, when DNS itself fails', async () => {
    const h = await checkDomainHealth(fakeDns({ ...healthy, 'acme.test': dnsError('ETIMEOUT') }), {
      domain: 'acme.test',
      provider: 'gmail',
    });
    expect(h.spf.status).toBe('unknown');
    expect(h.spf.advice[0]).toContain('ETIMEOUT');
    expect(h.status).toBe('unknown');
  });
});

describe('mailboxAdvice', () => {
  const base = {
    status: 'active' as const,
    inactiveReason: null,
    dailyLimit: 50,
    hourlyLimit: 6,
    openTracking: false,
    unsubscribeEnabled: true,
  };

  it('passes the seed defaults', () => {
    expect(mailboxAdvice(base)).toEqual({ status: 'pass', advice: [] });
  });

  it('warns about high limits, open tracking and a missing unsubscribe link', () => {
    const a = mailboxAdvice({ ...base, dailyLimit: 200, openTracking: true, unsubscribeEnabled: false });
    expect(a.status).toBe('warn');
    expect(a.advice).toHaveLength(3);
  });

  it('fails an inactive mailbox, naming the reason', () => {
    const a = mailboxAdvice({ ...base, status: 'inactive', inactiveReason: 'token revoked' });
    expect(a.status).toBe('fail');
    expect(a.advice[0]).toContain('token revoked');
  });
});
