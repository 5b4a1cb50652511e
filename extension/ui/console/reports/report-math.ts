import type { Email } from '../../../../shared/schemas/email';
import type { Enrollment } from '../../../../shared/schemas/enrollment';

export interface FunnelStage {
  key: 'enrolled' | 'contacted' | 'replied' | 'bounced' | 'not_sent';
  label: string;
  count: number;
}

export interface SequenceReport {
  funnel: FunnelStage[];
  emailsSent: number;
  finishedBy: Array<{ reason: string; count: number }>;
}

const count = <T>(items: readonly T[], keep: (t: T) => boolean) =>
  items.reduce((n, t) => (keep(t) ? n + 1 : n), 0);

/**
 * The funnel counts contacts (enrollments), not emails: how many were enrolled, reached by at least
 * one sent email, replied, bounced, or are held with a not-sent email now.
 */
export function sequenceReport(enrollments: readonly Enrollment[], emails: readonly Email[]): SequenceReport {
  const withStatus = (s: Email['status']) =>
    new Set(emails.filter((e) => e.status === s && e.enrollmentId).map((e) => e.enrollmentId));
  const contacted = withStatus('sent');
  const bouncedEmails = withStatus('bounced');
  const notSent = withStatus('not_sent');
  const finished = new Map<string, number>();
  for (const e of enrollments) {
    if (e.status === 'finished')
      finished.set(e.finishedReason ?? 'other', (finished.get(e.finishedReason ?? 'other') ?? 0) + 1);
  }
  return {
    funnel: [
      { key: 'enrolled', label: 'Enrolled', count: enrollments.length },
      { key: 'contacted', label: 'Emailed', count: count(enrollments, (e) => contacted.has(e.id)) },
      { key: 'replied', label: 'Replied', count: count(enrollments, (e) => e.finishedReason === 'replied') },
      {
        key: 'bounced',
        label: 'Bounced',
        count: count(enrollments, (e) => e.status === 'bounced' || bouncedEmails.has(e.id)),
      },
      { key: 'not_sent', label: 'Not sent', count: count(enrollments, (e) => notSent.has(e.id)) },
    ],
    emailsSent: count(emails, (e) => e.status === 'sent'),
    finishedBy: [...finished.entries()]
      .map(([reason, n]) => ({ reason, count: n }))
      .sort((a, b) => b.count - a.count),
  };
}

export interface DayCount {
  /** Local calendar day, YYYY-MM-DD. */
  day: string;
  count: number;
}

const dayKey = (d: Date) =>
  `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;

/** Sent emails per local day for the `days` days ending today, zero days included. */
export function sendsPerDay(emails: readonly Email[], today: Date, days = 14): DayCount[] {
  const out: DayCount[] = [];
  const index = new Map<string, DayCount>();
  for (let i = days - 1; i >= 0; i--) {
    const d = new Date(today.getFullYear(), today.getMonth(), today.getDate() - i);
    const entry = { day: dayKey(d), count: 0 };
    out.push(entry);
    index.set(entry.day, entry);
  }
  for (const e of emails) {
    if (e.status !== 'sent' || !e.sentAt) continue;
    const hit = index.get(dayKey(new Date(e.sentAt)));
    if (hit) hit.count++;
  }
  return out;
}

export const FINISH_WORDS: Record<string, string> = {
  replied: 'Replied',
  meeting_booked: 'Meeting booked',
  unsubscribed: 'Unsubscribed',
  changed_job: 'Changed job',
  completed: 'Completed every step',
  other: 'Other',
};
