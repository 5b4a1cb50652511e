import { describe, expect, it } from 'vitest';
import { replySubject } from '../../../../../server/domain/emails/reply-subject';

describe('replySubject', () => {
  it.each([
    ['Quick question', 'Re: Quick question'],
    ['Re: Quick question', 'Re: Quick question'],
    ['RE: re:Quick question', 'Re: Quick question'],
    ['Re[2]: Quick question', 'Re: Quick question'],
    ['Regarding your demo', 'Re: Regarding your demo'],
    ['Your Re: note', 'Re: Your Re: note'],
  ])('%s → %s', (first, expected) => {
    expect(replySubject(first)).toBe(expected);
  });
});
