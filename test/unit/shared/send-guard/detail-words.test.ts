import { describe, expect, it } from 'vitest';
import { detailInWords } from '../../../../shared/send-guard/detail-words';

describe('detailInWords', () => {
  it('names each stored reason by its catalog label, never its code', () => {
    expect(
      detailInWords('missing_dynamic_variable: fields.event; unverified_email', 'blocked_contact_stage'),
    ).toBe('Missing dynamic variable: fields.event; Unverified email');
  });

  it('does not repeat the reason already shown as the title', () => {
    expect(detailInWords('missing_dynamic_variable: fields.event', 'missing_dynamic_variable')).toBe(
      'fields.event',
    );
    expect(detailInWords('unverified_email', 'unverified_email')).toBeNull();
  });

  it('shows only the words of "other"', () => {
    expect(detailInWords('other: The email has no subject and no body.', 'other')).toBe(
      'The email has no subject and no body.',
    );
  });

  it("keeps a provider's own words as written", () => {
    expect(detailInWords('550 5.1.1 mailbox unavailable', 'email_provider_error')).toBe(
      '550 5.1.1 mailbox unavailable',
    );
    expect(detailInWords('ErrorSendAsDenied: not allowed')).toBe('ErrorSendAsDenied: not allowed');
    expect(detailInWords(undefined)).toBeNull();
  });
});
