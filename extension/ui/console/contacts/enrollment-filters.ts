import type {
  BulkEnrollmentAction,
  Enrollment,
  EnrollmentStatus,
} from '../../../../shared/schemas/enrollment';
import type { Counts } from '../api-schemas';

export type StatusFilter = 'all' | EnrollmentStatus;
/** The seed's paused sub-filters: who paused, and whether an auto-resume date is set. */
export type PausedFilter = 'any' | 'manual' | 'out_of_office' | 'auto_resume' | 'no_auto_resume';

export interface EnrollmentFilter {
  status: StatusFilter;
  paused: PausedFilter;
  search: string;
}

export const emptyFilter: EnrollmentFilter = { status: 'all', paused: 'any', search: '' };

export const STATUS_FILTERS: Array<{ value: StatusFilter; label: string }> = [
  { value: 'all', label: 'All' },
  { value: 'active', label: 'Active' },
  { value: 'scheduled', label: 'Scheduled' },
  { value: 'paused', label: 'Paused' },
  { value: 'finished', label: 'Finished' },
  { value: 'bounced', label: 'Bounced' },
  { value: 'not_sent', label: 'Not sent' },
  { value: 'removed', label: 'Removed' },
];

export const PAUSED_FILTERS: Array<{ value: PausedFilter; label: string }> = [
  { value: 'any', label: 'Any pause' },
  { value: 'manual', label: 'Manually paused' },
  { value: 'out_of_office', label: 'Out of office' },
  { value: 'auto_resume', label: 'Auto-resume date set' },
  { value: 'no_auto_resume', label: 'Auto-resume not scheduled' },
];

/** How many enrollments each chip stands for; "All" leaves removed contacts out, as the list does. */
export function countFor(counts: Counts, status: StatusFilter): number {
  if (status !== 'all') return counts[status];
  return Object.entries(counts).reduce((n, [k, v]) => (k === 'removed' ? n : n + v), 0);
}

/**
 * The status and the search (contact name or email) narrow on the server; the kind of pause
 * narrows here. Pass the filter with the search as it should be sent (debounced, say).
 */
export function enrollmentQuery(sequenceId: string, f: EnrollmentFilter) {
  return {
    sequenceId,
    status: f.status === 'all' ? undefined : f.status,
    q: f.search.trim() || undefined,
  };
}

export function matchesPaused(e: Enrollment, p: PausedFilter): boolean {
  if (e.status !== 'paused') return false;
  switch (p) {
    case 'any':
      return true;
    case 'manual':
      return e.pausedReason !== 'out_of_office';
    case 'out_of_office':
      return e.pausedReason === 'out_of_office';
    case 'auto_resume':
      return !!e.resumeAt;
    case 'no_auto_resume':
      return !e.resumeAt;
  }
}

/** "All" leaves removed contacts out; "Paused" splits by the kind of pause. */
export function filterEnrollments(list: readonly Enrollment[], f: EnrollmentFilter): Enrollment[] {
  return list.filter(
    (e) =>
      (f.status === 'all' ? e.status !== 'removed' : e.status === f.status) &&
      (f.status !== 'paused' || matchesPaused(e, f.paused)),
  );
}

export type BulkAction = BulkEnrollmentAction;

const RUNNING: readonly EnrollmentStatus[] = ['active', 'scheduled', 'paused'];

/** Which enrollments an action applies to; the server would refuse the rest (conflict), so they are skipped. */
export const canApply: Record<BulkAction, (e: Enrollment) => boolean> = {
  // Pausing a paused contact again changes its resume date.
  pause: (e) => RUNNING.includes(e.status),
  resume: (e) => e.status === 'paused',
  finish: (e) => e.status !== 'finished' && e.status !== 'removed',
  remove: (e) => e.status !== 'removed',
  reenroll: (e) => e.status === 'removed' || e.status === 'finished',
};

export function splitEligible(action: BulkAction, selected: readonly Enrollment[]) {
  const ok = selected.filter(canApply[action]);
  return { ok, skipped: selected.length - ok.length };
}

/** What a paused enrollment is waiting for, in words. */
export function pauseDescription(e: Enrollment, formatDate: (iso: string) => string): string | undefined {
  if (e.status !== 'paused') return undefined;
  const who = e.pausedReason === 'out_of_office' ? 'Out of office' : 'Paused by hand';
  return e.resumeAt ? `${who}; resumes ${formatDate(e.resumeAt)}` : `${who}; no auto-resume date`;
}
