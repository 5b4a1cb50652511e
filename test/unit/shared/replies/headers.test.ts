import { describe, expect, it } from 'vitest';
import { getHeader, isAutoSubmitted, readAutomationHeaders } from '../../../../shared/replies/headers';

describe('getHeader', () => {
  it('ignores the case of names and skips empty values', () => {
    const headers = { 'auto-submitted': '', 'AUTO-SUBMITTED': ' auto-replied ', Subject: 'x' };
    expect(getHeader(headers, 'Auto-Submitted')).toBe('auto-replied');
    expect(getHeader(headers, 'subject')).toBe('x');
    expect(getHeader(headers, 'Precedence')).toBeUndefined();
    expect(getHeader(undefined, 'Subject')).toBeUndefined();
  });
});

describe('isAutoSubmitted', () => {
  it.each([
    [{ 'Auto-Submitted': 'auto-replied' }, true],
    [{ 'auto-submitted': 'auto-generated' }, true],
    [{ 'Auto-Submitted': 'auto-notified' }, true],
    [{ 'Auto-Submitted': 'No' }, false],
    [{ 'Auto-Submitted': 'no; comment' }, false],
    [{ 'X-Autoreply': 'yes' }, true],
    [{ 'x-autorespond': 'Out of office' }, true],
    [{ Precedence: 'auto_reply' }, true],
    [{ Precedence: 'bulk' }, false],
    [{ 'X-Auto-Response-Suppress': 'DR, OOF, AutoReply' }, false],
    [{ 'X-MS-Exchange-Inbox-Rules-Loop': 'a@b.example' }, false],
    [{}, false],
  ])('%o → %s', (headers, expected) => {
    expect(isAutoSubmitted(headers)).toBe(expected);
  });

  it('keeps bulk and the Exchange rules-loop stamp as weaker evidence', () => {
    expect(readAutomationHeaders({ PRECEDENCE: 'Junk' })).toEqual({
      proof: null,
      bulk: 'Precedence: junk',
      hint: null,
      absence: null,
    });
    expect(readAutomationHeaders({ 'x-ms-exchange-inbox-rules-loop': 'a@b.example' }).hint).toBe(
      'X-MS-Exchange-Inbox-Rules-Loop: a@b.example',
    );
  });

  it("reads iCloud's vacation header as an absence", () => {
    expect(readAutomationHeaders({ 'X-Apple-Action': 'VACATION' }).absence).toBe('X-Apple-Action: VACATION');
    expect(readAutomationHeaders({ 'X-Apple-Action': 'FORWARD' }).absence).toBeNull();
  });
});
