import { describe, expect, it } from 'vitest';
import { eeaCountryCodes, isInEea } from '../../../../shared/send-guard/eea-countries';
import { isValidEmailAddress } from '../../../../shared/send-guard/email-address';

const eu27 = 'AT BE BG HR CY CZ DK EE FI FR DE GR HU IE IT LV LT LU MT NL PL PT RO SK SI ES SE'.split(' ');

describe('EEA membership', () => {
  it('covers the EU-27 and Iceland, Liechtenstein and Norway', () => {
    for (const code of [...eu27, 'IS', 'LI', 'NO']) expect(isInEea(code, null), code).toBe(true);
  });

  it.each(['GB', 'CH', 'TR', 'UA', 'RS', 'MC', 'SM', 'VA', 'AD', 'FO', 'GL', 'US', 'XX'])(
    'leaves out %s',
    (code) => {
      expect(isInEea(code, 'Europe/Berlin')).toBe(false);
    },
  );

  it('lists only two-letter upper-case codes', () => {
    expect([...eeaCountryCodes].filter((c) => !/^[A-Z]{2}$/.test(c))).toEqual([]);
  });

  it.each([
    ['Europe/Paris', true],
    ['Atlantic/Canary', true],
    ['Europe/London', false],
    ['Europe/Zurich', false],
    ['America/New_York', false],
  ])('falls back to the time zone %s only without a country', (zone, inside) => {
    expect(isInEea(null, zone)).toBe(inside);
    expect(isInEea(' ', zone)).toBe(inside);
    expect(isInEea('US', zone)).toBe(false);
  });
});

describe('isValidEmailAddress', () => {
  it.each([
    'ada@example.com',
    'ada.lovelace+tag@sub.example.co.uk',
    "o'brien@example.ie",
    'ada@xn--bcher-kva.de',
    'jörg@bücher.de',
  ])('accepts %s', (address) => {
    expect(isValidEmailAddress(address)).toBe(true);
  });

  it.each([
    '',
    'ada',
    '@example.com',
    'ada@',
    'ada@example',
    'ada@example.c0m',
    '.ada@example.com',
    'ada.@example.com',
    'ada@.example.com',
    'ada@example..com',
    'ada@-example.com',
    'ada@example-.com',
    'a da@example.com',
    'ada@exa mple.com',
    'ada@@example.com',
    `${'a'.repeat(65)}@example.com`,
    `ada@${'a'.repeat(64)}.com`,
    `ada@${'abc.'.repeat(70)}com`,
  ])('rejects %j', (address) => {
    expect(isValidEmailAddress(address)).toBe(false);
  });

  it('answers quickly on hostile input', () => {
    const started = performance.now();
    for (const junk of [
      `${'a.'.repeat(5000)}@x`,
      `a@${'a-'.repeat(5000)}`,
      `${'a'.repeat(100_000)}@example.com`,
    ]) {
      expect(isValidEmailAddress(junk)).toBe(false);
    }
    expect(performance.now() - started).toBeLessThan(100);
  });
});
