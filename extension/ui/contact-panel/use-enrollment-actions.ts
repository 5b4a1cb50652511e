import { useCallback, useState } from 'react';
import type { EnrollmentView, ResultOf } from '../../../shared/schemas/extension-messages';
import type { StrideClient } from '../../lib/stride-client';
import type { EnrollmentAction } from './enrollment-row';
import type { Lookup } from './use-contact';

const VERB: Record<EnrollmentAction['kind'], string> = {
  pause: 'pause',
  resume: 'resume',
  finish: 'finish',
  remove: 'remove',
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
 * when the server refuses or cannot be reached.
 */
export function useEnrollmentActions(client: StrideClient, patch: (f: (d: Lookup) => Lookup) => void) {
  const [pending, setPending] = useState<ReadonlySet<string>>(new Set());
  const [failure, setFailure] = useState<string | null>(null);
  const [warnings, setWarnings] = useState<{
    sequenceId: string;
    items: ResultOf<'enroll'>['warnings'];
  } | null>(null);
  const mark = useCallback(
    (id: string, on: boolean) =>
      setPending((p) => {
        const next = new Set(p);
        if (on) next.add(id);
        else next.delete(id);
        return next;
      }),
    [],
  );

  const act = useCallback(
    async (before: EnrollmentView, action: EnrollmentAction) => {
      const name = before.sequenceName ?? 'the sequence';
      setFailure(null);
      mark(before.id, true);
      patch((d) => replace(d, before.id, optimistic(before, action)));
      const id = before.id;
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
              : await client.request({ type: 'enrollment.remove', enrollmentId: id });
      mark(before.id, false);
      if (!outcome.ok) {
        patch((d) => replace(d, before.id, before));
        setFailure(`Couldn't ${VERB[action.kind]} ${name}: ${outcome.error.message} Nothing was changed.`);
        return;
      }
      if ('enrollment' in outcome.result) {
        const fresh = outcome.result.enrollment;
        patch((d) => replace(d, before.id, { ...before, ...fresh, stuckReason: undefined }));
      }
    },
    [client, patch, mark],
  );

  const enroll = useCallback(
    async (contactId: string, sequenceId: string, sequenceName: string, skipValidation: boolean) => {
      setFailure(null);
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
      mark(tempId, true);
      patch((d) => ({ ...d, enrollments: [placeholder, ...d.enrollments.filter((e) => e.id !== tempId)] }));
      const outcome = await client.request({ type: 'enroll', contactId, sequenceId, skipValidation });
      mark(tempId, false);
      const real = outcome.ok ? outcome.result.enrollments : [];
      patch((d) => ({
        ...d,
        lastUsedSequenceId: real.length ? sequenceId : d.lastUsedSequenceId,
        enrollments: [
          ...real.map((e) => ({ ...e, sequenceName })),
          ...d.enrollments.filter((e) => e.id !== tempId && !real.some((r) => r.id === e.id)),
        ],
      }));
      if (!outcome.ok) {
        setFailure(`Couldn't enroll in ${sequenceName}: ${outcome.error.message} Nothing was changed.`);
        return;
      }
      if (real.length) return;
      const { warnings: items, rejected } = outcome.result;
      if (items.length) setWarnings({ sequenceId, items });
      else {
        const why =
          rejected.map((r) => r.code.replaceAll('_', ' ')).join(', ') || 'the server enrolled no one';
        setFailure(`Not enrolled in ${sequenceName}: ${why}.`);
      }
    },
    [client, patch, mark],
  );

  return { pending, failure, warnings, act, enroll, dismissWarnings: () => setWarnings(null) };
}
