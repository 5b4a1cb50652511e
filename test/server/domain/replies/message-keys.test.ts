import { describe, expect, it } from 'vitest';
import {
  addressesIn,
  failedRecipients,
  normalizeMessageId,
  observationKey,
  parseAddress,
  referencedMessageIds,
} from '../../../../server/domain/replies/message-keys';

describe('parseAddress', () => {
  it.each([
    ['Priya Shah <Priya.Shah@Northwind.co.uk>', 'priya.shah@northwind.co.uk'],
    ['"Shah, Priya" <priya@northwind.co.uk>', 'priya@northwind.co.uk'],
    ['"Sales <EMEA>" <emea@northwind.co.uk>', 'emea@northwind.co.uk'],
    ['priya@northwind.co.uk', 'priya@northwind.co.uk'],
    ['priya@northwind.co.uk (Priya Shah)', 'priya@northwind.co.uk'],
    ['<mailto:PRIYA@northwind.co.uk>', 'priya@northwind.co.uk'],
    ['  dana+sales@brightlane.io.  ', 'dana+sales@brightlane.io'],
  ])('%s → %s', (from, expected) => {
    expect(parseAddress(from)).toBe(expected);
  });

  it('returns null when there is no address', () => {
    expect(parseAddress('Priya Shah')).toBeNull();
  });
});

describe('message ids', () => {
  it('keeps RFC 5322 ids in angle brackets and refuses a host’s own ids', () => {
    expect(normalizeMessageId('<abc@mail.example>')).toBe('<abc@mail.example>');
    expect(normalizeMessageId(' abc@mail.example ')).toBe('<abc@mail.example>');
    expect(normalizeMessageId('18c2f0a9b3d4e5f6')).toBeNull();
    expect(normalizeMessageId('msg-f:1791234567890')).toBeNull();
    expect(normalizeMessageId(undefined)).toBeNull();
  });

  it('reads In-Reply-To and References in any header case, folded or not', () => {
    const refs = referencedMessageIds({
      'in-reply-to': '<b@stride.example>',
      REFERENCES: '<a@stride.example>\r\n <b@stride.example> <c@other.example>',
    });
    expect(refs.sort()).toEqual(['<a@stride.example>', '<b@stride.example>', '<c@other.example>']);
    expect(referencedMessageIds(undefined)).toEqual([]);
  });
});

describe('addresses a delivery report names', () => {
  it('lists X-Failed-Recipients and the addresses written in a text, once each', () => {
    expect(failedRecipients({ 'X-Failed-Recipients': 'J.Smith@northwind.example, k@x.example' })).toEqual([
      'j.smith@northwind.example',
      'k@x.example',
    ]);
    expect(
      addressesIn('<p.novak@brnoworks.cz>: host said 550 <p.novak@brnoworks.cz>: unknown. Ask a@b.cz.'),
    ).toEqual(['p.novak@brnoworks.cz', 'a@b.cz']);
    expect(addressesIn(undefined)).toEqual([]);
  });
});

describe('observationKey', () => {
  const base = {
    from: 'Priya Shah <priya@northwind.co.uk>',
    date: '2026-11-30T15:00:00Z',
    text: 'Thanks, let us talk.',
  };

  it('uses the message id when the page gives one', () => {
    expect(observationKey('t1', { ...base, messageId: ' <x@y.example> ' })).toBe('msg:<x@y.example>');
    expect(observationKey('t2', { ...base, text: 'other', messageId: '<x@y.example>' })).toBe(
      'msg:<x@y.example>',
    );
  });

  it('hashes thread, sender, instant and opening text otherwise, ignoring how they were written', () => {
    const key = observationKey('t1', base);
    expect(key).toMatch(/^msg-hash:[0-9a-f]{64}$/);
    expect(
      observationKey('t1', { ...base, from: 'PRIYA@northwind.co.uk', date: '2026-11-30T16:00:00+01:00' }),
    ).toBe(key);
    expect(observationKey('t1', { ...base, text: `${base.text}${' '.repeat(300)}tail` })).not.toBe(key);
    expect(observationKey('t1', { ...base, text: `${base.text.padEnd(200, '.')}a` })).toBe(
      observationKey('t1', { ...base, text: `${base.text.padEnd(200, '.')}b` }),
    );
    expect(observationKey('t2', base)).not.toBe(key);
    expect(observationKey('t1', { ...base, date: '2026-11-30T15:00:01Z' })).not.toBe(key);
    expect(observationKey('t1', { ...base, from: 'someone@else.example' })).not.toBe(key);
  });
});
