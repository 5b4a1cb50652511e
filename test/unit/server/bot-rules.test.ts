import { describe, expect, it } from 'vitest';
import { burstClicks, clickBotReasons, openMachineReasons } from '../../../server/engagement/bot-rules';

const CHROME =
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36';
const sentAt = new Date('2026-03-02T10:00:00Z');
const later = new Date('2026-03-02T11:30:00Z');
const hit = (over: Partial<Parameters<typeof clickBotReasons>[0]>) => ({
  method: 'GET',
  userAgent: CHROME,
  ip: '203.0.113.9',
  purpose: null,
  at: later,
  sentAt,
  ...over,
});

describe('clickBotReasons', () => {
  it.each([
    ['a person in Chrome an hour later', {}, []],
    ['a HEAD request', { method: 'HEAD' }, ['head']],
    ['a browser prefetch', { purpose: 'prefetch' }, ['prefetch']],
    ['a click 3 seconds after delivery', { at: new Date(sentAt.getTime() + 3000) }, ['too_soon']],
    ['no user agent', { userAgent: null }, ['no_agent']],
    ['Barracuda', { userAgent: 'Barracuda Sentinel (EE)' }, ['scanner_agent']],
    ['Proofpoint', { userAgent: 'Mozilla/5.0 (compatible; Proofpoint URL Defense)' }, ['scanner_agent']],
    ['an HTTP library', { userAgent: 'python-requests/2.31.0' }, ['scanner_agent']],
    ['Safe Links from Exchange Online', { ip: '40.107.22.5' }, ['scanner_network']],
    ['Mimecast, v4-mapped', { ip: '::ffff:205.139.110.30' }, ['scanner_network']],
    [
      'a scanner that does it all',
      { method: 'HEAD', userAgent: 'curl/8.5', ip: '148.163.130.1', at: new Date(sentAt.getTime() + 1000) },
      ['head', 'too_soon', 'scanner_agent', 'scanner_network'],
    ],
  ] as const)('%s', (_name, over, expected) => {
    expect(clickBotReasons(hit(over))).toEqual(expected);
  });
});

describe('openMachineReasons', () => {
  it.each([
    ['a mail client loading images', {}, []],
    ['Apple Mail Privacy Protection (bare agent)', { userAgent: 'Mozilla/5.0' }, ['apple_mpp']],
    ["Apple's network", { ip: '17.58.1.2' }, ['apple_mpp']],
    [
      'Gmail image proxy',
      {
        userAgent:
          'Mozilla/5.0 (Windows NT 5.1; rv:11.0) Gecko Firefox/11.0 (via ggpht.com GoogleImageProxy)',
      },
      ['image_proxy'],
    ],
    [
      'Yahoo proxy',
      { userAgent: 'YahooMailProxy; https://help.yahoo.com/kb/yahoo-mail-proxy-SLN28749.html' },
      ['image_proxy'],
    ],
    ['a scanner', { userAgent: 'Mimecast URL scanner' }, ['scanner_agent']],
  ] as const)('%s', (_name, over, expected) => {
    expect(openMachineReasons(hit(over))).toEqual(expected);
  });
});

describe('burstClicks', () => {
  const t = (s: number) => new Date(later.getTime() + s * 1000);
  it('flags different links followed within two seconds, however they arrive', () => {
    const ids = burstClicks([
      { id: 'c', linkIndex: 2, at: t(1.2) },
      { id: 'a', linkIndex: 0, at: t(0) },
      { id: 'b', linkIndex: 1, at: t(0.4) },
      { id: 'late', linkIndex: 0, at: t(600) },
    ]);
    expect([...ids].sort()).toEqual(['a', 'b', 'c']);
  });
  it('leaves a double click on one link and links read minutes apart alone', () => {
    expect(
      burstClicks([
        { id: 'a', linkIndex: 0, at: t(0) },
        { id: 'b', linkIndex: 0, at: t(0.3) },
        { id: 'c', linkIndex: 1, at: t(120) },
      ]).size,
    ).toBe(0);
  });
});
