import { describe, expect, it } from 'vitest';
import { findAddress, otherParty, participantsOf, splitName } from '../../extension/lib/addresses';
import { parseHostDate } from '../../extension/lib/host-dates';

describe('dates as mail pages show them', () => {
  const at = (...a: [number, number, number, number, number]) => new Date(...a).toISOString();
  it.each([
    ['Tue, Mar 4, 2025, 9:15 AM', at(2025, 2, 4, 9, 15)],
    ['Tue, Mar 4, 2025 at 9:15\u202fAM', at(2025, 2, 4, 9, 15)],
    ['Tue 3/4/2025 9:15 AM', at(2025, 2, 4, 9, 15)],
    ['Mar 4, 2025, 9:15 AM (2 days ago)', at(2025, 2, 4, 9, 15)],
  ])('%s', (text, iso) => {
    expect(parseHostDate(text)).toBe(iso);
  });

  it('falls back to now rather than dropping the message', () => {
    expect(parseHostDate('yesterday-ish', () => new Date('2025-05-05T10:00:00Z'))).toBe(
      '2025-05-05T10:00:00.000Z',
    );
  });
});

describe('addresses in page labels', () => {
  it('finds, lower-cases and orders participants; the other party is not the rep', () => {
    expect(findAddress('From: Dana Lee <Dana.Lee@Acme.test>')).toBe('dana.lee@acme.test');
    expect(findAddress('Account manager for Rep Example')).toBeUndefined();
    const people = participantsOf(
      [
        { from: 'rep@example.test', to: ['dana@acme.test'], date: '' },
        { from: 'dana@acme.test', to: ['rep@example.test', 'cfo@acme.test'], date: '' },
      ],
      new Map([['dana@acme.test', 'Dana Lee']]),
    );
    expect(people).toEqual([
      { address: 'rep@example.test' },
      { address: 'dana@acme.test', name: 'Dana Lee' },
      { address: 'cfo@acme.test' },
    ]);
    expect(otherParty(people, 'REP@example.test')?.address).toBe('dana@acme.test');
    expect(splitName('Dana van der Lee')).toEqual({ firstName: 'Dana', lastName: 'van der Lee' });
    expect(splitName('dana@acme.test')).toEqual({});
  });
});
