import type { BounceDetail, MessageReport } from './classify-message';
import { readDsnFields } from './dsn-fields';
import { getHeader, type MessageHeaders } from './headers';
import { phrasePattern } from './phrase-pattern';

/** The part of a From value that is an address: "Mail Delivery Subsystem <mailer-daemon@x>" → the address. */
export function addressOf(from: string): string {
  const bracketed = /<([^<>\s]+@[^<>\s]+)>/.exec(from);
  return (bracketed?.[1] ?? from).trim().toLowerCase();
}

const DAEMON_SENDER = /^(?:mailer-daemon|mailerdaemon|mail-daemon|postmaster|poostmaster|mail\.?delivery)@/i;
/** Display names the daemons sign with, for pages that show a name but not the address. */
const DAEMON_NAME =
  /^\s*"?(?:mail delivery (?:system|subsystem|service)|mail administrator|mailer-daemon|postmaster|microsoft outlook|mail system)\b/i;
/** Senders that never read answers: some carriers (KDDI, Docomo) send their bounce notices from them. */
export const NOREPLY_SENDER =
  /^(?:no[-_.]?reply|do[-_.]?not[-_.]?reply|noreply[-_.][^@]*|[^@]*[-_.]no[-_.]?reply|bounces?|notifications?|auto[-_.]?reply)@/i;

/**
 * Subjects of non-delivery reports from Gmail, Exchange/Outlook (in its UI languages), Postfix, Exim,
 * qmail, Domino and the Japanese, Chinese and Russian carriers. Anchored at the start: a human
 * "Re: returned mail from last week" is not a report.
 */
const BOUNCE_SUBJECT = new RegExp(
  `^\\s*(?:${[
    'undeliverable',
    'undelivered mail',
    'undeliverable mail',
    'delivery status notification \\(failure\\)',
    'delivery notification: delivery has failed',
    'delivery has failed',
    'delivery failure',
    'mail delivery failed',
    'mail delivery failure',
    'mail system error',
    'returned mail',
    'failure notice',
    'failed delivery',
    'non[- ]?delivery',
    'nondeliverable',
    'message not delivered',
    'unzustellbar',
    'nicht zustellbar',
    'non remis',
    'non distribuable',
    'échec de (?:la )?(?:remise|distribution)',
    'no se puede entregar',
    'no entregable',
    'no se pudo entregar',
    'não é possível entregar',
    'não entregue',
    'onbestelbaar',
    'kan niet worden bezorgd',
    'non recapitabile',
    'impossibile recapitare',
    'niedostarczalne',
    'nie dostarczono',
    'olevererbart',
    'kunne ikke leveres',
    'メールエラー',
    '配信エラー',
    '配送エラー',
    '不達',
    '宛先不明',
    '系统退信',
    '退信',
    '邮件退回',
    '投递失败',
    'не удалось доставить',
    'недоставленное сообщение',
    'сообщение не доставлено',
  ].join('|')})`,
  'iu',
);

/** A delay notice: the server is still trying, so the address may well be fine. */
const DELAY_SUBJECT = new RegExp(
  [
    'delivery status notification \\(delay\\)',
    'delayed mail',
    'delivery delayed',
    'mail delivery delayed',
    'message delayed',
    'delivery notification: delay',
    'warning: could not send message for past',
    'warning: message .* delayed',
    'warning: delayed',
    'zustellung verzögert',
    'remise différée',
    '配送遅延',
    '延迟投递',
  ].join('|'),
  'iu',
);

const DELAY_BODY = phrasePattern([
  'will (?:keep |continue )?(?:re)?try(?:ing)?',
  'will be retried',
  'still (?:being )?(?:retried|trying|undelivered|pending)',
  'has not yet been delivered',
  'not been delivered yet',
  'delivery (?:has been|is|was) delayed',
  'delivery is delayed',
  'this is a warning message only',
  'you do not need to resend',
  'no action is required on your part',
  'temporarily deferred',
  'es wird weiterhin versucht',
  'nous continuerons',
  'seguiremos intentando',
]);

/**
 * Wording of failure reports, the phrases of help-centre seed 004 among them. Each one alone is not
 * proof (a person may write "my mail could not be delivered"); together with a machine sender, an
 * automated header or a report subject it is.
 */
const BOUNCE_BODY = phrasePattern([
  'could not be delivered',
  "couldn[’']t be delivered",
  'was not delivered',
  "wasn[’']t delivered",
  'delivery (?:to the following recipients? )?(?:has )?failed',
  'failed permanently',
  'permanent (?:fatal )?(?:error|failure)',
  'undeliverable',
  'user unknown',
  'unknown user',
  'no such user',
  'no such (?:mailbox|recipient)',
  'mailbox (?:is )?(?:full|unavailable|not found|disabled|does not exist)',
  'over quota',
  'quota exceeded',
  'recipient address rejected',
  'address rejected',
  'does not exist',
  'no mailbox here by that name',
  'no mx for',
  'envelope blocked',
  'the email account that you tried to reach (?:is disabled|does not exist)',
  'not delivering to a previously bounced address',
  'message looks like spam',
  'unable to deliver',
  'returned to sender',
  'nicht zugestellt werden',
  'unzustellbar',
  "n[’']a pas pu être remis",
  'no se (?:ha )?pudo entregar',
  'não (?:foi possível entregar|pôde ser entregue)',
  'kon niet worden bezorgd',
  'non è stato possibile recapitare',
  'nie (?:został|mogła zostać) dostarczona',
  'kunne ikke leveres',
  'kunde inte levereras',
  '送信できませんでした',
  '配信できませんでした',
  '届きませんでした',
  '宛先不明',
  '一杯',
  '无法送达',
  '投递失败',
  '退信',
  'не (?:может быть|удалось) доставить',
]);

/** Phrases only delivery software writes: proof of a report whoever the sender looks like. */
const REPORT_SIGNATURE = phrasePattern([
  'this message was created automatically by mail delivery software',
  'this is the mail system at host',
  'this is the qmail-send program',
  "i[’']m afraid i wasn[’']t able to deliver your message",
  'delivery to the following recipients? failed permanently',
  'the following addresses? had permanent fatal errors',
  'delivery has failed to these recipients or groups',
  "your message (?:wasn[’']t|couldn[’']t be|could not be) delivered",
  'the original message was received at',
  'a message that you sent could not be delivered',
]);

/** A full mailbox or a temporary code: the address exists, the failure may pass. */
const SOFT_FAILURE = phrasePattern([
  'mailbox (?:is )?full',
  'over quota',
  'quota exceeded',
  'insufficient (?:system )?storage',
  'exceeded (?:the )?storage',
  'postfach (?:ist )?voll',
  'boîte (?:aux lettres )?pleine',
  '一杯',
  '容量',
]);

const ANGLE_ADDRESS = /<([^<>\s@]+@[^<>\s@]+\.[^<>\s@]+)>/g;
const FAILED_TO =
  /(?:could not be delivered to|delivery to|failed for|failed to deliver to)\s*:?\s*<?([^<>\s@]+@[^<>\s@]+\.[^<>\s@,;:]+)/gi;

export type BounceVerdict =
  | { kind: 'bounce'; evidence: string; detail: BounceDetail }
  | { kind: 'delay'; evidence: string }
  | { kind: 'delivered'; evidence: string };

/** Whether the message is a delivery report about our email rather than an answer from the contact. */
export function detectBounce(msg: {
  from: string;
  subject?: string | undefined;
  text?: string | undefined;
  headers?: MessageHeaders | undefined;
  reports?: readonly MessageReport[] | undefined;
}): BounceVerdict | null {
  const subject = msg.subject ?? '';
  const text = (msg.text ?? '').slice(0, 20_000);
  const reports = msg.reports ?? [];
  const statusText = reports.filter((r) => r.type.endsWith('delivery-status')).map((r) => r.text);
  const fields = readDsnFields([...statusText, text].join('\n'));
  const failed = fields.filter(
    (f) => f.action === 'failed' || (f.action === null && f.status?.startsWith('5')),
  );
  const delayed = fields.filter((f) => f.action === 'delayed');
  const sender = addressOf(msg.from);
  const contentType = getHeader(msg.headers, 'Content-Type')?.toLowerCase() ?? '';
  const dsnType =
    contentType.includes('multipart/report') && /report-type\s*=\s*"?delivery-status/.test(contentType);
  const machine =
    DAEMON_SENDER.test(sender) ||
    DAEMON_NAME.test(msg.from) ||
    NOREPLY_SENDER.test(sender) ||
    dsnType ||
    statusText.length > 0 ||
    getHeader(msg.headers, 'Auto-Submitted')?.toLowerCase().startsWith('auto-') === true;

  const bounce = (evidence: string): BounceVerdict => ({
    kind: 'bounce',
    evidence,
    detail: bounceDetail(failed, [subject, text, ...statusText].join('\n'), msg.headers, text),
  });

  if (failed.length > 0 && (machine || statusText.length > 0)) {
    const first = failed[0];
    return bounce(`delivery status: ${first?.action ?? 'failed'}${first?.status ? ` ${first.status}` : ''}`);
  }
  if (delayed.length > 0 && (machine || statusText.length > 0)) {
    return {
      kind: 'delay',
      evidence: `delivery status: delayed${delayed[0]?.status ? ` ${delayed[0].status}` : ''}`,
    };
  }
  if (fields.length > 0 && statusText.length > 0 && fields.every((f) => f.action !== null)) {
    // Every recipient delivered, relayed or expanded: a delivery receipt (RFC 3461 NOTIFY=SUCCESS).
    return { kind: 'delivered', evidence: `delivery status: ${fields[0]?.action}` };
  }
  const delaySubject = DELAY_SUBJECT.exec(subject);
  if (delaySubject) return { kind: 'delay', evidence: `subject "${delaySubject[0]}"` };
  const delayBody = DELAY_BODY.exec(text);
  if (machine && delayBody && !REPORT_SIGNATURE.test(text.slice(0, 400)) && !failedWording(text)) {
    return { kind: 'delay', evidence: `"${delayBody[0]}"` };
  }

  const subjectMatch = BOUNCE_SUBJECT.exec(subject);
  if (subjectMatch) return bounce(`subject "${subjectMatch[0].trim()}"`);
  if (DAEMON_SENDER.test(sender)) return bounce(`from ${sender}`);
  const signature = REPORT_SIGNATURE.exec(text);
  if (signature) return bounce(`"${signature[0]}"`);
  if (dsnType) return bounce('Content-Type multipart/report; delivery-status');
  // Exim and Gmail name the failed addresses here; nothing else sets it.
  const failedHeader = getHeader(msg.headers, 'X-Failed-Recipients');
  if (failedHeader) return bounce(`X-Failed-Recipients: ${failedHeader}`);
  const wording = BOUNCE_BODY.exec(text);
  if (machine && wording) return bounce(`from ${sender}: "${wording[0]}"`);
  return null;
}

/** A bounce that also says "will not retry" / "giving up" is final, whatever delay words it has. */
function failedWording(text: string): boolean {
  return /giving up|gave up|will not (?:be )?retr|permanent|not going to try again|retry timeout exceeded/i.test(
    text,
  );
}

function bounceDetail(
  failed: ReturnType<typeof readDsnFields>,
  wording: string,
  headers: MessageHeaders | undefined,
  text: string,
): BounceDetail {
  const status = failed.find((f) => f.status)?.status ?? undefined;
  const recipients = new Set<string>();
  for (const f of failed) if (f.recipient) recipients.add(f.recipient);
  for (const a of (getHeader(headers, 'X-Failed-Recipients') ?? '').split(/[\s,]+/)) {
    if (a.includes('@')) recipients.add(a.replace(/^<|>$/g, '').toLowerCase());
  }
  if (recipients.size === 0) {
    for (const m of text.matchAll(FAILED_TO)) recipients.add((m[1] as string).toLowerCase());
  }
  if (recipients.size === 0) {
    // Postfix and qmail put the failed address in angle brackets at the start of a line.
    for (const m of text.matchAll(ANGLE_ADDRESS)) {
      const lineStart = text.lastIndexOf('\n', m.index) + 1;
      if (text.slice(lineStart, m.index).trim() === '') recipients.add((m[1] as string).toLowerCase());
    }
  }
  const permanent = status
    ? status.startsWith('5') && !status.startsWith('5.2.2')
    : !SOFT_FAILURE.test(wording);
  return { permanent, ...(status ? { status } : {}), recipients: [...recipients] };
}
