import { describe, expect, it } from 'vitest';
import { inboxKey, inboxKeys } from '../../../../shared/replies/same-inbox';

describe('inboxKey', () => {
  it.each([
    ['rep@stride.test', 'rep@stride.test'],
    ['Rep@Stride.TEST', 'rep@stride.test'],
    ['  rep@stride.test ', 'rep@stride.test'],
    ['rep+news@stride.test', 'rep@stride.test'],
    ['rep+a+b@stride.test', 'rep@stride.test'],
    ['first.last@stride.test', 'first.last@stride.test'],
    ['first.last+x@stride.test', 'first.last@stride.test'],
    ['First.Last@gmail.com', 'firstlast@gmail.com'],
    ['f.i.r.s.t+promo@googlemail.com', 'first@gmail.com'],
    ['firstlast@googlemail.com', 'firstlast@gmail.com'],
    ['+only@stride.test', '+only@stride.test'],
    ['first.last@mail.gmail.com.example', 'first.last@mail.gmail.com.example'],
    ['"quoted@odd"@stride.test', '"quoted@odd"@stride.test'],
    ['no-at-sign', null],
    ['@stride.test', null],
    ['rep@', null],
    ['...@gmail.com', null],
  ])('%s → %s', (input, expected) => {
    expect(inboxKey(input)).toBe(expected);
  });

  it('collects the keys of many addresses, dropping unparseable ones', () => {
    expect([...inboxKeys(['a+x@s.test', 'A@S.test', 'nope', 'b.c@gmail.com'])]).toEqual([
      'a@s.test',
      'bc@gmail.com',
    ]);
  });
});
