import { getHeader, type MessageHeaders } from './headers';

/** The part of a From value that is an address: "Mail Delivery Subsystem <mailer-daemon@x>" → the address. */
export function addressOf(from: string): string {
  const bracketed = /<([^<>\s]+@[^<>\s]+)>/.exec(from);
  return (bracketed?.[1] ?? from).trim().toLowerCase();
}

const DAEMON_SENDER = /^(?:mailer-daemon|mailerdaemon|mail-daemon|postmaster)@/i;

/**
 * Subjects of non-delivery reports from Gmail, Exchange/Outlook (in its UI languages), Postfix, Exim
 * and qmail. Anchored at the start: a human "Re: returned mail from last week" is not a report.
 */
const BOUNCE_SUBJECT = new RegExp(
  `^\\s*(?:${[
    'undeliverable',
    'undelivered mail returned to sender',
    'delivery status notification \\(failure\\)',
    'delivery has failed',
    'mail delivery failed',
    'mail delivery failure',
    'returned mail',
    'failure notice',
    'delivery failure',
    'unzustellbar',
    'nicht zustellbar',
    'non remis',
    'non distribuable',
    'no se puede entregar',
    'no entregable',
    'não é possível entregar',
    'não entregue',
    'onbestelbaar',
    'kan niet worden bezorgd',
    'non recapitabile',
    'impossibile recapitare',
  ].join('|')})`,
  'iu',
);

/**
 * A delay notice comes from the same daemon as a bounce but the server is still trying: the address
 * may well be fine, so it must not be recorded as a bounce.
 */
const DELAY_SUBJECT = /delivery status notification \(delay\)|delayed mail|warning: message .* delayed/iu;

export type BounceVerdict = { kind: 'bounce'; evidence: string } | { kind: 'delay'; evidence: string };

/** Whether the message is a delivery report about our email rather than an answer from the contact. */
export function detectBounce(msg: {
  from: string;
  subject?: string;
  headers?: MessageHeaders;
}): BounceVerdict | null {
  const subject = msg.subject ?? '';
  if (DELAY_SUBJECT.test(subject)) return { kind: 'delay', evidence: `subject "${subject}"` };
  const sender = addressOf(msg.from);
  if (DAEMON_SENDER.test(sender)) return { kind: 'bounce', evidence: `from ${sender}` };
  const subjectMatch = BOUNCE_SUBJECT.exec(subject);
  if (subjectMatch) return { kind: 'bounce', evidence: `subject "${subjectMatch[0].trim()}"` };
  // RFC 3464 delivery status notifications, whatever the sender and subject say.
  const contentType = getHeader(msg.headers, 'Content-Type')?.toLowerCase() ?? '';
  if (contentType.includes('multipart/report') && /report-type\s*=\s*"?delivery-status/.test(contentType)) {
    return { kind: 'bounce', evidence: 'Content-Type multipart/report; delivery-status' };
  }
  // Exim and Gmail name the failed addresses here; nothing else sets it.
  const failed = getHeader(msg.headers, 'X-Failed-Recipients');
  if (failed) return { kind: 'bounce', evidence: `X-Failed-Recipients: ${failed}` };
  return null;
}
