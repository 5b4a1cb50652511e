import { describe, expect, it } from 'vitest';
import { addressRuleViolations } from '../../../../../server/domain/mailboxes/address-rules';

describe('mailbox address rules (seed 003)', () => {
  // The seed's own examples, each given as a full address that breaks exactly that rule.
  it.each([
    ['rep@example--domain.com', '"--"'],
    ['rep@example..domain.com', '".."'],
    ['example@.domain.com', 'dot right after "@"'],
    ['example.@domain.com', 'dot right before "@"'],
    ['example-@domain.com', 'hyphen right before "@"'],
    ['example@-domain.com', 'hyphen right after "@"'],
    ['first--last@domain.com', '"--"'],
    ['first..last@domain.com', '".."'],
  ])('refuses %s (%s)', (address, fragment) => {
    const problems = addressRuleViolations(address);
    expect(problems.join(' | ')).toContain(fragment);
  });

  it.each([
    'rep@example.com',
    'first.last@sub.example-domain.com',
    'first-last@domain.co.uk',
    'REP@Example.COM',
    // IDNA A-labels start with "xn--": that is the encoding of an internationalised domain.
    'rep@xn--mnchen-3ya.de',
    'rep@mail.xn--80ak6aa92e.com',
  ])('accepts %s', (address) => {
    expect(addressRuleViolations(address)).toEqual([]);
  });

  it('only exempts xn-- at the start of a domain label', () => {
    expect(addressRuleViolations('xn--rep@example.com')).not.toEqual([]);
    expect(addressRuleViolations('rep@abcxn--def.com')).not.toEqual([]);
  });

  it('reports every rule an address breaks', () => {
    expect(addressRuleViolations('a.@-b--c.com')).toHaveLength(3);
  });

  it('needs exactly one @', () => {
    expect(addressRuleViolations('rep.example.com')).toContain('must contain exactly one "@"');
    expect(addressRuleViolations('a@b@example.com')).toContain('must contain exactly one "@"');
  });
});
