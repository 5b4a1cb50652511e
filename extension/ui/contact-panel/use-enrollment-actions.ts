import { useCallback, useState } from 'react';
import type { EnrollmentView, ResultOf } from '../../../shared/schemas/extension-messages';
import type { StrideClient } from '../../lib/stride-client';
import type { EnrollmentAction } from './enrollment-row';
import type { Lookup } from './use-contact';

const VERB: Record<EnrollmentAction['kind'], string> = {
  pause: 'pause',
  resume: 'resume',
  finish: 'finish',
  remove: 'remove from',
  retry: 'retry the email in',
};

/** Said to screen readers when an action went through. */
const DONE: Record<EnrollmentAction['kind'], string> = {
  pause: 'Paused',
  resume: 'Resumed',
  finish: 'Finished',
  remove: 'Removed from',
  retry: 'Sent again:',
};

/** What the row shows while the server works: the status the action will lead to. */
function optimistic(e: EnrollmentView, action: EnrollmentAction): EnrollmentView {
  switch (action.kind) {
    case 'pause':
      return { ...e, status: 'paused', ...(action.resumeAt ? { resumeAt: action.resumeAt } : {}) };
    case 'resume':
      return { ...e, status: 'active', resumeAt: undefined };
    case 'finish':
      return { ...e, status: 'finished', finishedReason: action.reason };
    case 'remove':
      return { ...e, status: 'removed' };
    case 'retry':
      return { ...e, status: 'active', stuckReason: undefined };
  }
}

const replace = (data: Lookup, id: string, next: EnrollmentView | null): Lookup => ({
  ...data,
  enrollments: next
    ? data.enrollments.map((e) => (e.id === id ? next : e))
    : data.enrollments.filter((e) => e.id !== id),
});

/**
 * Enrollment changes apply at once and are rolled back, with a message saying nothing changed,
 * when the server refuses or cannot be reached. The optimistic rows are an overlay on whatever the
 * cache or server last said, not edits to it: a refresh that lands while an action is in flight
 * (the previous action's change notice, a delta sync) must not undo what the rep just clicked.
 */
export function useEnrollmentActions(client: StrideClient, patch: (f: (d: Lookup) => Lookup) => void) {
  const [overlays, setOverlays] = useState<ReadonlyMap<string, EnrollmentView>>(new Map());
  const [failure, setFailure] = useState<string | null>(null);
  const [done, setDone] = useState('');
  const [warnings, setWarnings] = useState<{
    sequenceId: string;
    items: ResultOf<'enroll'>['warnings'];
  } | null>(null);
  const overlay = useCallback(
    (id: string, view: EnrollmentView | null) =>
      setOverlays((m) => {
        const next = new Map(m);
        if (view) next.set(id, view);
        else next.delete(id);
        return next;
      }),
    [],
  );

  const act = useCallback(
    async (before: EnrollmentView, action: EnrollmentAction) => {
      const name = before.sequenceName ?? 'the sequence';
      setFailure(null);
      setDone('');
      const id = before.id;
      overlay(id, optimistic(before, action));
      const outcome =
        action.kind === 'pause'
          ? await client.request({
              type: 'enrollment.pause',
              enrollmentId: id,
              ...(action.resumeAt ? { resumeAt: action.resumeAt } : {}),
            })
          : action.kind === 'resume'
            ? await client.request({ type: 'enrollment.resume', enrollmentId: id })
            : action.kind === 'finish'
              ? await client.request({ type: 'enrollment.finish', enrollmentId: id, reason: action.reason })
              : action.kind === 'retry'
                ? await client.request({
                    type: 'email.retry',
                    enrollmentId: id,
                    emailId: action.emailId,
                    force: action.force,
                  })
                : await client.request({ type: 'enrollment.remove', enrollmentId: id });
      if (outcome.ok && outcome.result.type === 'email.retry' && !outcome.result.retried) {
        // The server skipped it (already sent, or no longer retryable): show what it says now.
        const now = outcome.result.enrollment;
        patch((d) => replace(d, id, { ...before, ...now }));
        setFailure(`Couldn't retry the email in ${name}: it was already sent or can no longer be retried.`);
      } else if (outcome.ok) {
        const fresh = 'enrollment' in outcome.result ? outcome.result.enrollment : optimistic(before, action);
        patch((d) => replace(d, id, { ...before, ...fresh, stuckReason: undefined }));
        setDone(`${DONE[action.kind]} ${name}.`);
      } else {
        setFailure(`Couldn't ${VERB[action.kind]} ${name}: ${outcome.error.message} Nothing was changed.`);
      }
      overlay(id, null);
    },
    [client, patch, overlay],
  );

  const enroll = useCallback(
    async (contactId: string, sequenceId: string, sequenceName: string, skipValidation: boolean) => {
      setFailure(null);
      setDone('');
      setWarnings(null);
      const tempId = `pending:${sequenceId}`;
      const now = new Date().toISOString();
      const placeholder: EnrollmentView = {
        id: tempId,
        sequenceId,
        contactId,
        status: 'active',
        currentStep: 1,
        mailboxIds: [],
        createdAt: now,
        updatedAt: now,
        sequenceName,
      };
      overlay(tempId, placeholder);
      const outcome = await client.request({ type: 'enroll', contactId, sequenceId, skipValidation });
      const real = outcome.ok ? outcome.result.enrollments : [];
      patch((d) => ({
        ...d,
        lastUsedSequenceId: real.length ? sequenceId : d.lastUsedSequenceId,
        enrollments: [
          ...real.map((e) => ({ ...e, sequenceName })),
          ...d.enrollments.filter((e) => !real.some((r) => r.id === e.id)),
        ],
      }));
      overlay(tempId, null);
      if (!outcome.ok) {
        setFailure(`Couldn't enroll in ${sequenceName}: ${outcome.error.message} Nothing was changed.`);
        return;
      }
      if (real.length) {
        setDone(`Enrolled in ${sequenceName}.`);
        return;
      }
      const { warnings: items, rejected } = outcome.result;
      if (items.length) setWarnings({ sequenceId, items });
      else {
        const why =
          rejected.map((r) => r.code.replaceAll('_', ' ')).join(', ') || 'the server enrolled no one';
        setFailure(`Not enrolled in ${sequenceName}: ${why}.`);
      }
    },
    [client, patch, overlay],
  );

  /** The rows to show: what was loaded, with every in-flight action's expected result laid over it. */
  const shown = useCallback(
    (loaded: readonly EnrollmentView[]): EnrollmentView[] => [
      ...[...overlays.values()].filter((o) => !loaded.some((e) => e.id === o.id)),
      ...loaded.map((e) => overlays.get(e.id) ?? e),
    ],
    [overlays],
  );

  return {
    pending: new Set(overlays.keys()) as ReadonlySet<string>,
    shown,
    failure,
    /** The last action that went through, in words, for the panel's live region. */
    done,
    warnings,
    act,
    enroll,
    dismissWarnings: () => setWarnings(null),
  };
}
