import type { ActivityKind } from '../../../../shared/enums';
import type { NotSentCode } from '../../../../shared/schemas/not-sent-code';
import type { TimelineItem } from '../../../../shared/schemas/timeline';
import { notSentCatalog } from '../../../../shared/send-guard/catalog';
import { finishedReasonWords, formatDay, pausedReasonWords } from '../../labels';

/** Each history entry as a sentence a rep reads; nothing here shows a code. */
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
  'engagement.meeting_link_clicked': 'Opened the booking link',
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

export interface TimelineWords {
  title: string;
  /** The details in words (why, until when, what changed). */
  detail?: string;
  /** The not-sent reason this entry is about, when fixing the contact is the way out. */
  fixOnContact?: boolean;
}

export function timelineWords(item: TimelineItem): TimelineWords {
  const d = item.data;
  const title = KIND_WORDS[item.kind] ?? 'Something changed';
  switch (item.kind) {
    case 'contact_updated': {
      const changed = Array.isArray(d.changed)
        ? d.changed.filter((x): x is string => typeof x === 'string')
        : [];
      return changed.length
        ? { title, detail: `Changed ${changed.map((f) => FIELD_WORDS[f] ?? f).join(', ')}` }
        : { title };
    }
    case 'enrollment.paused': {
      const reason = str(d.reason);
      const until = formatDay(str(d.resumeAt));
      const parts = [reason && pausedReasonWords(reason), until && `until ${until}`].filter(Boolean);
      return parts.length ? { title, detail: parts.join(', ') } : { title };
    }
    case 'enrollment.finished': {
      const reason = str(d.reason);
      return reason ? { title, detail: finishedReasonWords(reason) } : { title };
    }
    case 'email.out_of_office': {
      const outcome = str(d.outcome);
      return {
        title,
        detail:
          outcome === 'pause' || outcome === 'extend'
            ? 'The sequence pauses until they are back'
            : 'The sequence carries on',
      };
    }
    case 'email.not_sent': {
      const codes = Array.isArray(d.reasons)
        ? d.reasons.filter((x): x is string => typeof x === 'string')
        : [];
      const code = codes[0] ?? item.email?.reason ?? undefined;
      const words = reasonWords(code ?? undefined);
      const kind = code && isReason(code) ? notSentCatalog[code].kind : undefined;
      return { title, ...(words && { detail: words }), ...(kind === 'data' && { fixOnContact: true }) };
    }
    case 'email.bounced': {
      const detail = str(d.detail);
      return detail ? { title, detail: `The provider said: ${detail}` } : { title };
    }
    case 'email.clicked': {
      const url = str(d.url);
      return url ? { title, detail: url } : { title };
    }
    default:
      return { title };
  }
}

/** Who did it: a person, or Stride on its own (the scheduler, sync, a webhook). */
export const actorWords = (item: TimelineItem) => (item.actor ? item.actor.name || 'A teammate' : 'Stride');
