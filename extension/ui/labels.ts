import { finishReasonLabels } from '../../shared/history/reason-words';
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

/** The finish reasons a rep can pick, in the order they are offered. */
export const FINISH_REASONS: Array<{ value: FinishReason; label: string }> = (
  Object.keys(finishReasonLabels) as FinishReason[]
).map((value) => ({ value, label: finishReasonLabels[value] }));

// The words live in shared/ with the rest of the history catalog; these names stay for the panel.
export { finishedReasonWords, formatDay, pausedReasonWords } from '../../shared/history/reason-words';
