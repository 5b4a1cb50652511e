import { useMemo, useState } from 'react';
import type { Enrollment } from '../../../../shared/schemas/enrollment';
import { encodeParams } from '../../../lib/api/api-core';
import { finishedReasonWords, STATUS_LABEL, STATUS_TONE } from '../../labels';
import { enrollmentPageSchema, type SequenceView, sequenceViewSchema } from '../api-schemas';
import { useAction, useConsole, useLoad, useNow } from '../console-context';
import { contactName } from '../contact-directory';
import { formatDate, formatDateTime } from '../format';
import { fetchAll } from '../paginate';
import { ContactLink } from '../records/contact-link';
import { EnrollmentHistoryDialog } from '../records/enrollment-history';
import { Badge } from '../ui/badge';
import { BusyLine, EmptyState, Loading, ProblemNotice } from '../ui/notices';
import { offKeepsFocus } from '../ui/off-keeps-focus';
import { useDebounced } from '../use-debounced';
import { AddContactsDialog } from './add-contacts-dialog';
import { BulkProgress, FinishDialog, PauseDialog, RemoveDialog } from './bulk-dialogs';
import { type BulkOptions, describeOutcome, runBulk } from './bulk-run';
import { EnrollmentFilterBar } from './enrollment-filter-bar';
import {
  type BulkAction,
  emptyFilter,
  enrollmentQuery,
  filterEnrollments,
  pauseDescription,
  splitEligible,
} from './enrollment-filters';

const PAGE = 50;

/** The contacts of one sequence: filter by status, search, act on a selection, add more. */
export function SequenceContacts(props: { sequence: SequenceView; onChanged(s: SequenceView): void }) {
  const { sequence } = props;
  const { api } = useConsole();
  const [filter, setFilter] = useState(emptyFilter);
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const [dialog, setDialog] = useState<BulkAction | 'add' | null>(null);
  const [outcome, setOutcome] = useState<string | null>(null);
  const [historyOf, setHistoryOf] = useState<Enrollment | null>(null);
  const [shown, setShown] = useState(PAGE);
  const search = useDebounced(filter.search.trim(), 250);
  const bulk = useAction();
  const canEdit = sequence.access !== 'view';

  const enrollments = useLoad(
    ({ api }) =>
      fetchAll(
        api,
        (s, page) =>
          s.api.enrollments.$get({
            query: { ...enrollmentQuery(sequence.id, { ...filter, search }), ...page },
          }),
        enrollmentPageSchema,
      ),
    [sequence.id, filter.status, search],
    { live: true },
  );
  const now = useNow();
  // With a search the server answers only the matches, so an empty answer says nothing about the sequence.
  const unfiltered = filter.status === 'all' && !search;
  const matching = useMemo(
    () => filterEnrollments(enrollments.data ?? [], filter),
    [enrollments.data, filter],
  );
  const visible = matching.slice(0, shown);
  const visibleKey = visible.map((e) => e.contactId).join(',');
  const people = useLoad(({ contacts }) => contacts.many(visible.map((e) => e.contactId)), [visibleKey]);
  const chosen = matching.filter((e) => selected.has(e.id));
  const allChosen = visible.length > 0 && visible.every((e) => selected.has(e.id));

  const refresh = async () => {
    setSelected(new Set());
    enrollments.reload();
    props.onChanged(
      await api.call(
        (s) => s.api.sequences[':id'].$get({ param: encodeParams({ id: sequence.id }) }),
        sequenceViewSchema,
      ),
    );
  };
  const [resuming, setResuming] = useState(0);
  const act = (action: BulkAction, opts?: BulkOptions) =>
    bulk.run(async () => {
      // Resume has no dialog: its progress shows in the toolbar.
      if (action === 'resume') setResuming(splitEligible(action, chosen).ok.length);
      const result = await runBulk(api, action, chosen, opts).finally(() => setResuming(0));
      const reasons = [...new Set(result.failed.map((f) => f.message))].slice(0, 3);
      setOutcome([describeOutcome(result), ...reasons].join(' '));
      setDialog(null);
      await refresh();
    });
  const button = (action: BulkAction, label: string) => {
    const n = splitEligible(action, chosen).ok.length;
    return (
      <button
        type="button"
        className="s-btn"
        {...offKeepsFocus(!canEdit || n === 0 || bulk.busy, () =>
          action === 'resume' ? act('resume') : setDialog(action),
        )}
      >
        {label}
        {n > 0 ? ` (${n})` : ''}
      </button>
    );
  };

  const toggle = (e: Enrollment) => {
    const next = new Set(selected);
    if (next.has(e.id)) next.delete(e.id);
    else next.add(e.id);
    setSelected(next);
  };

  return (
    <div className="c-screen" data-console-screen="sequence-contacts" aria-busy={enrollments.loading}>
      <EnrollmentFilterBar
        counts={sequence.counts}
        filter={filter}
        onChange={(f) => {
          setFilter(f);
          setShown(PAGE);
        }}
      />
      <div className="c-toolbar">
        {button('pause', 'Pause')}
        {button('resume', 'Resume')}
        {button('finish', 'Mark finished')}
        {button('remove', 'Remove')}
        <button type="button" className="s-btn" onClick={() => void bulk.run(refresh)}>
          Refresh
        </button>
        <BusyLine busy={enrollments.loading || bulk.busy} />
        <BulkProgress count={resuming} busy={resuming > 0} verb="Resuming" />
        <span className="c-grow" />
        <button
          type="button"
          className="s-btn"
          data-primary=""
          disabled={!canEdit}
          onClick={() => setDialog('add')}
        >
          Add contacts
        </button>
      </div>
      {outcome && (
        <p className="s-info" role="status" data-console-outcome="">
          {outcome}
        </p>
      )}
      <ProblemNotice
        problem={enrollments.error ?? bulk.error}
        onRetry={enrollments.error ? enrollments.reload : undefined}
      />
      {!enrollments.data && !enrollments.error && <Loading what="contacts" />}
      {enrollments.data && matching.length === 0 && (
        <EmptyState
          title={
            enrollments.data.length === 0 && unfiltered
              ? 'No contacts in this sequence yet'
              : 'No contact matches these filters'
          }
        >
          {enrollments.data.length === 0 && unfiltered
            ? 'Add contacts from search, a list or a CSV file.'
            : 'Clear the search or pick another status.'}
        </EmptyState>
      )}
      {visible.length > 0 && (
        <table className="c-table" aria-label="Contacts in this sequence">
          <thead>
            <tr>
              <th className="c-check">
                <input
                  type="checkbox"
                  aria-label="Select all shown"
                  checked={allChosen}
                  onChange={() => setSelected(allChosen ? new Set() : new Set(visible.map((e) => e.id)))}
                />
              </th>
              <th>Contact</th>
              <th>Status</th>
              <th className="c-num">Step</th>
              <th>Next / details</th>
              <th>History</th>
            </tr>
          </thead>
          <tbody>
            {visible.map((e) => {
              const c = people.data?.get(e.contactId);
              return (
                <tr
                  key={e.id}
                  data-selected={selected.has(e.id) ? '' : undefined}
                  data-console-enrollment={c?.email ?? e.contactId}
                >
                  <td className="c-check">
                    <input
                      type="checkbox"
                      aria-label={`Select ${contactName(c)}`}
                      checked={selected.has(e.id)}
                      onChange={() => toggle(e)}
                    />
                  </td>
                  <td>
                    <div>
                      <ContactLink id={e.contactId} contact={c} loading={!people.data} />
                    </div>
                    <div className="s-small s-muted">{c?.email ?? ''}</div>
                  </td>
                  <td>
                    <Badge tone={STATUS_TONE[e.status]}>{STATUS_LABEL[e.status]}</Badge>
                  </td>
                  <td className="c-num">{e.currentStep}</td>
                  <td className="s-small">
                    {pauseDescription(e, formatDate) ??
                      (e.status === 'finished'
                        ? `Finished: ${finishedReasonWords(e.finishedReason ?? 'other')}`
                        : e.nextRunAt
                          ? Date.parse(e.nextRunAt) <= now.getTime()
                            ? 'Next step due now'
                            : `Next step ${formatDateTime(e.nextRunAt)}`
                          : '')}
                  </td>
                  <td>
                    <button
                      type="button"
                      className="s-btn s-small"
                      aria-label={`Show history of ${contactName(c)}`}
                      onClick={() => setHistoryOf(e)}
                    >
                      Show
                    </button>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      {matching.length > shown && (
        <button type="button" className="s-btn" onClick={() => setShown(shown + PAGE)}>
          Show {Math.min(PAGE, matching.length - shown)} more of {matching.length - shown}
        </button>
      )}
      {dialog === 'pause' && (
        <PauseDialog
          count={splitEligible('pause', chosen).ok.length}
          busy={bulk.busy}
          onClose={() => setDialog(null)}
          onConfirm={(resumeAt) => act('pause', { resumeAt })}
        />
      )}
      {dialog === 'finish' && (
        <FinishDialog
          count={splitEligible('finish', chosen).ok.length}
          busy={bulk.busy}
          onClose={() => setDialog(null)}
          onConfirm={(reason) => act('finish', { reason })}
        />
      )}
      {dialog === 'remove' && (
        <RemoveDialog
          count={splitEligible('remove', chosen).ok.length}
          busy={bulk.busy}
          onClose={() => setDialog(null)}
          onConfirm={() => act('remove')}
        />
      )}
      {historyOf && (
        <EnrollmentHistoryDialog
          enrollmentId={historyOf.id}
          who={contactName(people.data?.get(historyOf.contactId))}
          onClose={() => setHistoryOf(null)}
        />
      )}
      {dialog === 'add' && (
        <AddContactsDialog
          sequence={sequence}
          onClose={() => setDialog(null)}
          onEnrolled={(message) => {
            setOutcome(message);
            void bulk.run(refresh);
          }}
        />
      )}
    </div>
  );
}
