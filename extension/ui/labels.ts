import type { EnrollmentStatus, FinishReason } from '../../shared/schemas/enrollment';

export const STATUS_LABEL: Record<EnrollmentStatus, string> = {
  active: 'Active',
  scheduled: 'Scheduled',
  paused: 'Paused',
  finished: 'Finished',
  bounced: 'Bounced',
  not_sent: 'Not sent',
  removed: 'Removed',
};

export const STATUS_TONE: Record<EnrollmentStatus, 'good' | 'warn' | 'bad' | 'none'> = {
  active: 'good',
  scheduled: 'good',
  paused: 'warn',
  finished: 'none',
  bounced: 'bad',
  not_sent: 'bad',
  removed: 'none',
};

export const FINISH_REASONS: Array<{ value: FinishReason; label: string }> = [
  { value: 'replied', label: 'Replied' },
  { value: 'meeting_booked', label: 'Meeting booked' },
  { value: 'unsubscribed', label: 'Unsubscribed' },
  { value: 'changed_job', label: 'Changed job' },
  { value: 'other', label: 'Other' },
];

export function formatDay(iso: string | undefined): string | undefined {
  if (!iso) return undefined;
  const d = new Date(iso);
  return Number.isNaN(d.getTime())
    ? undefined
    : d.toLocaleDateString(undefined, { month: 'short', day: 'numeric' });
}

/** Why an enrollment is paused, as a person would say it; the API sends a code. */
const PAUSED_WORDS: Record<string, string> = {
  manual: 'paused by a rep',
  out_of_office: 'out of office',
  owner_inactive: "the contact's owner is no longer active",
};

/** Why an enrollment finished; the finish reasons plus the ones Stride sets itself. */
const FINISHED_WORDS: Record<string, string> = {
  ...Object.fromEntries(FINISH_REASONS.map((r) => [r.value, r.label.toLowerCase()])),
  completed: 'every step was done',
  bounced: 'an email bounced',
};

/** An unknown code still reads as words ("some_new_reason" → "some new reason"), never as a code. */
const asWords = (code: string) => code.replaceAll('_', ' ').trim();

export const pausedReasonWords = (code: string) => PAUSED_WORDS[code] ?? asWords(code);
export const finishedReasonWords = (code: string) => FINISHED_WORDS[code] ?? asWords(code);
