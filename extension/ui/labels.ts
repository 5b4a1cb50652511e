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
