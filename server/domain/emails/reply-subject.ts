/**
 * The one rule for a reply's subject: "Re: " + the first subject, without stacking when the first
 * already was a reply ("RE: re:", "Re[2]:"). The planner stores it on a reply_previous email and the
 * composer applies it again at send time, so both always agree.
 */
export function replySubject(first: string): string {
  const stripped = first.replace(/^(?:\s*re(?:\[\d+\])?\s*:\s*)+/i, '').trim();
  return `Re: ${stripped}`;
}
