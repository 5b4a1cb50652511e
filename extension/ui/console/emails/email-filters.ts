import type { Email, EmailStatus } from '../../../../shared/schemas/email';
import type { NotSentCode } from '../../../../shared/schemas/not-sent-code';
import { notSentCatalog, notSentOrder, type ReasonKind } from '../../../../shared/send-guard/catalog';
import { waitingCatalog } from '../../../../shared/send-guard/waiting-catalog';
import type { Query } from '../api-client';

export interface EmailFilter {
  status: 'all' | EmailStatus;
  reason: 'all' | NotSentCode;
  sequenceId: string;
}

export const emptyEmailFilter: EmailFilter = { status: 'all', reason: 'all', sequenceId: '' };

export const EMAIL_STATUSES: Array<{ value: EmailFilter['status']; label: string }> = [
  { value: 'all', label: 'All' },
  { value: 'scheduled', label: 'Scheduled' },
  { value: 'sending', label: 'Sending' },
  { value: 'sent', label: 'Sent' },
  { value: 'bounced', label: 'Bounced' },
  { value: 'not_sent', label: 'Not sent' },
  { value: 'unknown', label: 'Unknown' },
];

const KIND_LABEL: Record<ReasonKind, string> = {
  compliance: 'Compliance',
  data: 'Contact data',
  setting: 'Ruleset',
  mailbox: 'Mailbox',
  sequence: 'Sequence',
  provider: 'Email provider',
};

/** Reasons grouped as the catalog groups them, in its order, for the reason picker. */
export const REASON_GROUPS: Array<{ label: string; codes: NotSentCode[] }> = (() => {
  const groups = new Map<ReasonKind, NotSentCode[]>();
  for (const code of notSentOrder) {
    const kind = notSentCatalog[code].kind;
    groups.set(kind, [...(groups.get(kind) ?? []), code]);
  }
  return [...groups.entries()].map(([kind, codes]) => ({ label: KIND_LABEL[kind], codes }));
})();

/** A reason only exists on not-sent emails, so picking one implies that status. */
export function withReason(f: EmailFilter, reason: EmailFilter['reason']): EmailFilter {
  return { ...f, reason, status: reason === 'all' ? f.status : 'not_sent' };
}

export function withStatus(f: EmailFilter, status: EmailFilter['status']): EmailFilter {
  return { ...f, status, reason: status === 'not_sent' || status === 'all' ? f.reason : 'all' };
}

export function emailQuery(f: EmailFilter): Query {
  return {
    status: f.status === 'all' ? undefined : f.status,
    reason: f.reason === 'all' ? undefined : f.reason,
    sequenceId: f.sequenceId || undefined,
  };
}

/** Emails a rep may send again (POST /api/emails/retry queues exactly these). */
export const isRetryable = (e: Email) =>
  e.status === 'not_sent' || e.status === 'bounced' || e.status === 'unknown';

export const WAITING_FOR: Record<NonNullable<Email['waitingFor']>, string> = Object.fromEntries(
  Object.entries(waitingCatalog).map(([code, entry]) => [code, entry.label]),
) as Record<NonNullable<Email['waitingFor']>, string>;
