import type { EnrollmentView } from '../../../shared/schemas/extension-messages';

/** The actions the panel offers for one enrollment: only those the server can carry out. */
export interface PanelActions {
  /** The server pauses running enrollments only (active, scheduled), not stuck or ended ones. */
  pause: boolean;
  resume: boolean;
  finish: boolean;
  remove: boolean;
  /** A Retry of the not-sent email, where its reason allows one; `forceable` adds "Send anyway". */
  retry: { emailId: string; forceable: boolean } | null;
}

export function panelActions(e: EnrollmentView): PanelActions {
  const ended = e.status === 'finished' || e.status === 'removed';
  const stuck = e.status === 'not_sent' || e.status === 'bounced';
  const reason = e.stuckReason;
  const retry =
    stuck && reason?.emailId && reason.retry && reason.retry !== 'never'
      ? { emailId: reason.emailId, forceable: reason.retry === 'force' }
      : null;
  return {
    pause: e.status === 'active' || e.status === 'scheduled',
    resume: e.status === 'paused',
    finish: !ended,
    remove: !ended,
    retry,
  };
}
