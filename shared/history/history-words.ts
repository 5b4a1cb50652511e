import type { ActivityKind } from '../enums';
import type { NotSentCode } from '../schemas/not-sent-code';
import type { TimelineItem } from '../schemas/timeline';
import { notSentCatalog } from '../send-guard/catalog';
import { finishedReasonWords, formatDay, formatMoment, pausedReasonWords } from './reason-words';
import { seenInWords } from './seen-in-words';

/**
 * The one catalog of history wording: each entry of a contact's timeline or an enrollment's history
 * as a sentence a rep reads. Nothing here shows a code.
 */
const KIND_WORDS: Partial<Record<ActivityKind, string>> = {
  contact_created: 'Contact created',
  contact_updated: 'Contact edited',
  owner_changed: 'Owner changed',
  'contact.unsubscribed': 'Unsubscribed',
  'contact.owner_transferred': 'Moved to another owner',
  'enrollment.created': 'Enrolled',
  'enrollment.reenrolled': 'Enrolled again',
  'enrollment.started': 'Sequence started',
  'enrollment.paused': 'Paused',
  'enrollment.resumed': 'Resumed',
  'enrollment.finished': 'Finished',
  'enrollment.removed': 'Removed from the sequence',
  'enrollment.step_completed': 'Step done',
  'email.sent': 'Email sent',
  'email.not_sent': 'Email not sent',
  'email.bounced': 'Email bounced',
  'email.unknown': 'Email send interrupted',
  'email.delivered': 'Email delivered',
  'email.spam_complaint': 'Marked the email as spam',
  'email.clicked': 'Clicked a link',
  'email.replied': 'Replied',
  'email.out_of_office': 'Out-of-office answer',
  'email.auto_replied': 'Automatic answer',
  'email.retried': 'Email sent for retry',
  'task.completed': 'Task done',
  'engagement.meeting_link_clicked': 'Finished: clicked the meeting link',
  'engagement.call_task_created': 'Call task created',
};

const FIELD_WORDS: Record<string, string> = {
  firstName: 'first name',
  lastName: 'last name',
  emailStatus: 'email status',
  personalizedOpener: 'personalized opener',
  linkedinUrl: 'LinkedIn profile',
  ownerId: 'owner',
  accountId: 'account',
  jobChangeDetected: 'job change',
  prospectScore: 'score',
  fields: 'custom fields',
  timezone: 'time zone',
};

const str = (v: unknown) => (typeof v === 'string' ? v : undefined);
const isReason = (code: string): code is NotSentCode => code in notSentCatalog;

function reasonWords(code: string | undefined): string | undefined {
  if (!code) return undefined;
  return isReason(code) ? `${notSentCatalog[code].label}: ${notSentCatalog[code].message}` : undefined;
}

export interface HistoryWords {
  title: string;
  /** The details in words (why, until when, what changed, which message and where it was seen). */
  detail?: string;
  /** The not-sent reason this entry is about, when fixing the contact is the way out. */
  fixOnContact?: boolean;
}

/** The pieces of an entry these words read: a timeline item has them all. */
export type HistoryEntry = Pick<TimelineItem, 'kind' | 'data' | 'email'>;

/** "from ana@acme.test seen in Gmail, 3 Dec, 10:42": which message it was and where Stride saw it. */
function messageWords(d: Record<string, unknown>): string {
  const from = str(d.from);
  const seen = seenInWords(d.seenIn, str(d.host));
  const when = formatMoment(str(d.date));
  return [from && ` from ${from}`, seen && ` ${seen}`, when && `, ${when}`].filter(Boolean).join('');
}

const sentence = (...parts: Array<string | false | undefined>) => parts.filter(Boolean).join('');

function outOfOfficeWords(d: Record<string, unknown>): string {
  const msg = `an out-of-office answer${messageWords(d)}`;
  const until = formatDay(str(d.resumeAt));
  switch (str(d.outcome)) {
    case 'pause':
      return sentence('Paused', until && ` until ${until}`, ` by ${msg}`);
    case 'extend':
      return sentence('Pause extended', until && ` to ${until}`, ` by ${msg}`);
    case 'kept':
      return `The pause already set stays; ${msg}`;
    case 'already_back':
      return `They are already back, so the sequence carries on; ${msg}`;
    case 'not_running':
      return `Nothing to pause while an email waits for a retry; ${msg}`;
    default:
      return sentence('An out-of-office answer', messageWords(d));
  }
}

/** Events a provider reported by webhook say so; page and sync entries carry their message. */
function reportedWords(d: Record<string, unknown>): string | undefined {
  return seenInWords(d.seenIn, undefined);
}

export function historyWords(item: HistoryEntry): HistoryWords {
  const d = item.data;
  const title = KIND_WORDS[item.kind] ?? 'Something changed';
  const withDetail = (detail: string | undefined): HistoryWords => (detail ? { title, detail } : { title });
  switch (item.kind) {
    case 'contact_updated': {
      const changed = Array.isArray(d.changed)
        ? d.changed.filter((x): x is string => typeof x === 'string')
        : [];
      return withDetail(
        changed.length ? `Changed ${changed.map((f) => FIELD_WORDS[f] ?? f).join(', ')}` : undefined,
      );
    }
    case 'enrollment.paused': {
      const reason = str(d.reason);
      const until = formatDay(str(d.resumeAt));
      const parts = [reason && pausedReasonWords(reason), until && `until ${until}`].filter(Boolean);
      return withDetail(parts.length ? parts.join(', ') : undefined);
    }
    case 'enrollment.finished': {
      const reason = str(d.reason);
      return withDetail(reason ? finishedReasonWords(reason) : undefined);
    }
    case 'email.replied':
      return withDetail(
        d.finished === true
          ? `Finished by a reply${messageWords(d)}`
          : `A reply${messageWords(d)}; this sequence carries on after replies`,
      );
    case 'email.out_of_office':
      return withDetail(outOfOfficeWords(d));
    case 'email.auto_replied':
      return withDetail(`An automatic answer${messageWords(d)}; the sequence carries on`);
    case 'email.not_sent': {
      const codes = Array.isArray(d.reasons)
        ? d.reasons.filter((x): x is string => typeof x === 'string')
        : [];
      const code = codes[0] ?? item.email?.reason ?? undefined;
      const words = [reasonWords(code ?? undefined), reportedWords(d)].filter(Boolean).join('. ');
      const kind = code && isReason(code) ? notSentCatalog[code].kind : undefined;
      return { ...withDetail(words || undefined), ...(kind === 'data' && { fixOnContact: true }) };
    }
    case 'email.bounced': {
      const said = str(d.detail);
      const where = d.from !== undefined ? `A bounce report${messageWords(d)}` : reportedWords(d);
      return withDetail(
        [said && `The provider said: ${said}`, where].filter(Boolean).join('. ') || undefined,
      );
    }
    case 'email.delivered':
    case 'email.spam_complaint':
      return withDetail(reportedWords(d));
    case 'email.clicked':
    case 'engagement.meeting_link_clicked':
      return withDetail(str(d.url));
    case 'engagement.call_task_created': {
      const n = typeof d.clicks === 'number' ? d.clicks : undefined;
      return withDetail(
        n
          ? `After ${n} link click${n === 1 ? '' : 's'} by a person, a call task went to the owner`
          : undefined,
      );
    }
    default:
      return { title };
  }
}

/** Who did it: a person, or Stride on its own (the scheduler, sync, a webhook). */
export const actorWords = (item: Pick<TimelineItem, 'actor'>) =>
  item.actor ? item.actor.name || 'A teammate' : 'Stride';
