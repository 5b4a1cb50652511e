import { randomUUID } from 'node:crypto';

const crlf = (lines: string[]) => `${lines.join('\r\n')}\r\n`;
const rfcDate = (at: Date) => at.toUTCString().replace('GMT', '+0000');

export interface MailOpts {
  from: string;
  to: string;
  date: Date;
  subject?: string;
  inReplyTo?: string;
  messageId?: string;
  headers?: Record<string, string>;
  text?: string;
}

/** A plain message as a mail client writes it. */
export function plainMail(o: MailOpts): string {
  const head = [
    `From: ${o.from}`,
    `To: ${o.to}`,
    `Subject: ${o.subject ?? 'Re: Quick question'}`,
    `Date: ${rfcDate(o.date)}`,
    `Message-ID: ${o.messageId ?? `<${randomUUID()}@mail.example>`}`,
    ...(o.inReplyTo ? [`In-Reply-To: ${o.inReplyTo}`, `References: ${o.inReplyTo}`] : []),
    ...Object.entries(o.headers ?? {}).map(([k, v]) => `${k}: ${v}`),
    'MIME-Version: 1.0',
    'Content-Type: text/plain; charset=utf-8',
    'Content-Transfer-Encoding: 8bit',
  ];
  return crlf([
    ...head,
    '',
    ...(o.text ?? 'Thanks, this sounds interesting. Can we talk Thursday?').split('\n'),
  ]);
}

/** An out-of-office answer (RFC 3834 headers, a return date in the text). */
export function outOfOffice(o: Omit<MailOpts, 'text' | 'headers'>): string {
  return plainMail({
    ...o,
    subject: 'Automatic reply: Quick question',
    headers: { 'Auto-Submitted': 'auto-replied', 'X-Autoreply': 'yes' },
    text: "I'm out of the office until Friday, December 11th, with no access to email. I'll reply when I'm back.",
  });
}

/**
 * An RFC 3464 delivery status notification as Postfix writes it: no In-Reply-To, the original's
 * Message-ID only in the attached headers, the failed address in Final-Recipient.
 */
export function deliveryReport(o: {
  to: string;
  failed: string;
  originalMessageId: string;
  date: Date;
}): string {
  const boundary = `b-${randomUUID()}`;
  return crlf([
    'From: MAILER-DAEMON@mx.brightlane.example (Mail Delivery System)',
    `To: ${o.to}`,
    'Subject: Undelivered Mail Returned to Sender',
    `Date: ${rfcDate(o.date)}`,
    `Message-ID: <${randomUUID()}@mx.brightlane.example>`,
    'Auto-Submitted: auto-replied',
    'MIME-Version: 1.0',
    `Content-Type: multipart/report; report-type=delivery-status; boundary="${boundary}"`,
    '',
    `--${boundary}`,
    'Content-Type: text/plain; charset=us-ascii',
    '',
    'This is the mail system at host mx.brightlane.example.',
    "I'm sorry to have to inform you that your message could not be delivered.",
    '',
    `<${o.failed}>: host mx.brightlane.example said: 550 5.1.1 User unknown`,
    '',
    `--${boundary}`,
    'Content-Type: message/delivery-status',
    '',
    'Reporting-MTA: dns; mx.brightlane.example',
    '',
    `Final-Recipient: rfc822; ${o.failed}`,
    'Action: failed',
    'Status: 5.1.1',
    'Diagnostic-Code: smtp; 550 5.1.1 User unknown',
    '',
    `--${boundary}`,
    'Content-Type: text/rfc822-headers',
    '',
    `From: ${o.to}`,
    `To: ${o.failed}`,
    'Subject: Quick question',
    `Message-ID: ${o.originalMessageId}`,
    '',
    `--${boundary}--`,
  ]);
}
