import { scoreTextCues } from './auto-reply-cues';
import { detectBounce } from './bounce';
import { type MessageHeaders, readAutomationHeaders } from './headers';
import { htmlToText } from './html-text';
import { detectOtherAutomated, detectReceiptOrReport } from './other-automated';
import { stripQuotedText } from './quoted-text';
import { addCalendarDays, resolveTimeZone } from './resume-time';
import {
  DEFAULT_MAX_PAUSE_DAYS,
  findReturnDate,
  type ReturnDateLocale,
  type ReturnDateMatch,
} from './return-date';

export const DEFAULT_PAUSE_DAYS = 7;

/**
 * - `reply`: a person answered; the sequence finishes.
 * - `out_of_office`: an absence notice; the sequence pauses until `resumeAt`.
 * - `bounce`: a delivery report; the address is bad, which is not a reply either.
 * - `auto_reply`: any other responder (ticket receipts, "we got your message"); changes nothing.
 */
export type MessageKind = 'reply' | 'out_of_office' | 'bounce' | 'auto_reply';

/** A machine-readable part of a report message (see parse-raw-message.ts for the types read). */
export interface MessageReport {
  /** Lower-case MIME type, e.g. `message/delivery-status`. */
  type: string;
  text: string;
}

/**
 * A message as the extension reads it from the page (API.md, `POST /api/threads/observe`) or as
 * mailbox sync parses it (`parseRawMessage`). Only `from` is required: the page path often has
 * neither headers nor a subject of the message's own.
 */
export interface ObservedMessage {
  from: string;
  subject?: string;
  text?: string;
  /** Read only when `text` is missing. */
  html?: string;
  headers?: MessageHeaders;
  /** Report parts of a multipart/report (DSN, read receipt, abuse report). */
  reports?: readonly MessageReport[];
}

export interface ClassifyOptions {
  now: Date;
  /** The contact's IANA zone, in which return dates are read; missing or unknown means UTC. */
  timeZone?: string | null;
  /** Pause length when an out-of-office names no usable return date. */
  defaultPauseDays?: number;
  /** No pause lasts longer, whatever the message says. */
  maxPauseDays?: number;
  locales?: readonly ReturnDateLocale[];
}

/**
 * What kind of automated message an `auto_reply` (or what a `bounce`) is, for the evidence shown to
 * reps and for callers that treat some of them differently (mailbox sync records delays and receipts).
 */
export type AutomatedKind =
  | 'responder'
  | 'ticket'
  | 'read_receipt'
  | 'delivery_receipt'
  | 'delay'
  | 'abuse_report'
  | 'list'
  | 'noreply'
  | 'hard_bounce'
  | 'soft_bounce';

export interface BounceDetail {
  /** Permanent failure (DSN 5.x.x or its wording); false for a full mailbox or a 4.x.x given up on. */
  permanent: boolean;
  /** RFC 3463 status code when the report names one, e.g. `5.1.1`. */
  status?: string;
  /** Addresses the report says failed, lower-case; empty when it names none we can read. */
  recipients: string[];
}

export interface Classification {
  kind: MessageKind;
  /** Finer kind for `auto_reply` and `bounce`. */
  automated?: AutomatedKind;
  /** Only for `bounce`. */
  bounce?: BounceDetail;
  /** Only for `out_of_office`. */
  resumeAt?: Date;
  /** Only for `out_of_office`: false when `resumeAt` is the default pause. */
  returnDateFound?: boolean;
  /** Why, in words a rep can read in the contact panel. */
  evidence: string;
}

/**
 * Decides what a message in a sequence thread means. Order: delivery reports (bounce, delay), receipts
 * and abuse reports, then RFC 3834 headers with absence wording, then wording alone, then other
 * automated mail (help desks, lists, noreply senders); anything left is a person's reply.
 *
 * Mistakes are not symmetric: an auto-reply taken for a reply ends the sequence for good (the failure
 * DESIGN.md lists), a reply taken for an auto-reply only delays the next step until the rep sees the
 * answer. Still, a person is a person: one who writes about absence in the past, asks, engages with
 * the pitch or talks about an auto-reply (quoting or translating one) is never paused or ignored.
 */
export function classifyMessage(msg: ObservedMessage, opts: ClassifyOptions): Classification {
  const defaultPauseDays = days(opts.defaultPauseDays ?? DEFAULT_PAUSE_DAYS, 'defaultPauseDays');
  const maxPauseDays = days(opts.maxPauseDays ?? DEFAULT_MAX_PAUSE_DAYS, 'maxPauseDays');

  const fullText = msg.text ?? (msg.html ? htmlToText(msg.html) : '');
  const report = detectBounce({ ...msg, text: fullText });
  if (report?.kind === 'bounce') {
    return {
      kind: 'bounce',
      automated: report.detail.permanent ? 'hard_bounce' : 'soft_bounce',
      bounce: report.detail,
      evidence: `delivery report: ${report.evidence}`,
    };
  }
  if (report?.kind === 'delay') {
    return {
      kind: 'auto_reply',
      automated: 'delay',
      evidence: `delivery delayed, not failed: ${report.evidence}`,
    };
  }
  if (report?.kind === 'delivered') {
    return { kind: 'auto_reply', automated: 'delivery_receipt', evidence: report.evidence };
  }

  const subject = msg.subject ?? '';
  const body = stripQuotedText(fullText);
  const receipt = detectReceiptOrReport(msg, body);
  if (receipt) return { kind: 'auto_reply', automated: receipt.kind, evidence: receipt.evidence };

  const returnDate = findReturnDate(`${subject}\n${body}`, {
    now: opts.now,
    timeZone: opts.timeZone ?? null,
    maxPauseDays,
    ...(opts.locales ? { locales: opts.locales } : {}),
  });
  const cues = scoreTextCues(subject, body, returnDate !== null);
  const headers = readAutomationHeaders(msg.headers);
  // Once a machine is known to have written it, any absence wording or cued return date (a company
  // closed "until 4 January" included) is enough to pause rather than ignore.
  const absent = cues.absence > 0 || returnDate !== null;

  const outOfOffice = (because: string[]): Classification => {
    const zone = resolveTimeZone(opts.timeZone);
    const fallback = addCalendarDays(opts.now, Math.min(defaultPauseDays, maxPauseDays), zone);
    return {
      kind: 'out_of_office',
      automated: 'responder',
      resumeAt: returnDate?.resumeAt ?? fallback,
      returnDateFound: returnDate !== null,
      evidence: [...because, describeReturn(returnDate, Math.min(defaultPauseDays, maxPauseDays))].join('; '),
    };
  };
  const automated = (because: string[], machine: boolean): Classification => {
    const other = detectOtherAutomated(msg, body, machine);
    return {
      kind: 'auto_reply',
      automated: other?.kind ?? 'responder',
      evidence: [...because, ...(other ? [other.evidence] : [])].join('; '),
    };
  };

  if (headers.absence) return outOfOffice([headers.absence, ...cues.evidence]);
  if (headers.proof) {
    const because = [headers.proof, ...cues.evidence];
    return absent ? outOfOffice(because) : automated(because, true);
  }
  if (headers.bulk && absent && cues.conversation === 0) return outOfOffice([headers.bulk, ...cues.evidence]);

  const machine = cues.machine + (headers.hint ? 1 : 0);
  const because = [...(headers.hint ? [headers.hint] : []), ...cues.evidence];
  if (machine >= 2 && cues.meta === 0) return absent ? outOfOffice(because) : automated(because, true);
  // Text alone: one clear absence sentence, or a return phrase, in a short answer that does not
  // converse; or, in a longer or chattier one, absence wording that the rest backs up.
  if (cues.meta === 0) {
    const clear = cues.conversation === 0 && body.length <= SHORT_ANSWER_CHARS;
    if (clear && (cues.absence > 0 || (returnDate !== null && cues.returning))) return outOfOffice(because);
    if (cues.absence > 0 && cues.absence + cues.support - cues.conversation >= 3) return outOfOffice(because);
  }
  if (cues.conversation === 0 && cues.meta === 0) {
    const other = detectOtherAutomated(msg, body, machine > 0 || headers.bulk !== null);
    if (other)
      return { kind: 'auto_reply', automated: other.kind, evidence: [...because, other.evidence].join('; ') };
  }

  return {
    kind: 'reply',
    evidence:
      because.length > 0
        ? `written by a person despite ${because.join(', ')}`
        : 'no automatic-reply headers or wording',
  };
}

/** Auto-replies are short; a long text is a person's, whatever absence it mentions in passing. */
const SHORT_ANSWER_CHARS = 3000;

function describeReturn(match: ReturnDateMatch | null, defaultPauseDays: number): string {
  if (!match) return `no return date: paused ${defaultPauseDays} days`;
  const capped = match.capped ? ', capped' : '';
  return `back ${match.returnDay} ("${match.phrase}", ${match.rule === 'on' ? 'return day' : 'last day away'}${capped})`;
}

function days(value: number, name: string): number {
  if (!Number.isInteger(value) || value < 0)
    throw new RangeError(`${name} must be a whole number of days ≥ 0`);
  return value;
}
