import { useState } from 'react';
import type { Task } from '../../../../shared/schemas/email';
import { sequencePageSchema, taskPageSchema } from '../api-schemas';
import { useConsole, useLoad } from '../console-context';
import { contactName } from '../contact-directory';
import { formatDateTime } from '../format';
import { fetchAll } from '../paginate';
import { Badge } from '../ui/badge';
import { ChipGroup } from '../ui/chips';
import { BusyLine, EmptyState, Loading, ProblemNotice } from '../ui/notices';
import { CompleteTaskDialog, ManualEmailDialog } from './task-dialogs';

const TYPE_LABEL: Record<Task['type'], string> = {
  manual_email: 'Manual email',
  call: 'Call',
  linkedin: 'LinkedIn',
  task: 'Action item',
};
type TypeFilter = 'all' | Task['type'];

/** The queue of manual steps: emails to personalise and send, calls, LinkedIn steps and tasks. */
export function TasksScreen() {
  const { now } = useConsole();
  const [status, setStatus] = useState<'open' | 'completed'>('open');
  const [type, setType] = useState<TypeFilter>('all');
  const [working, setWorking] = useState<Task | null>(null);
  const [outcome, setOutcome] = useState<string | null>(null);
  const tasks = useLoad(
    ({ api }) =>
      fetchAll(
        api,
        (s, query) =>
          s.api.tasks.$get({ query: { ...query, status, type: type === 'all' ? undefined : type } }),
        taskPageSchema,
      ),
    [status, type],
  );
  const sequences = useLoad(async ({ api }) => {
    const list = await fetchAll(api, (s, query) => s.api.sequences.$get({ query }), sequencePageSchema);
    return new Map(list.map((s) => [s.id, s]));
  }, []);
  const items = [...(tasks.data ?? [])].sort((a, b) => a.dueAt.localeCompare(b.dueAt));
  const key = items.map((t) => t.contactId).join(',');
  const people = useLoad(({ contacts }) => contacts.many(items.map((t) => t.contactId)), [key]);
  const today = now();
  const startOfToday = new Date(today.getFullYear(), today.getMonth(), today.getDate());

  const stepOf = (t: Task) => {
    const seq = t.sequenceId ? sequences.data?.get(t.sequenceId) : undefined;
    const index = seq?.steps.findIndex((s) => s.id === t.stepId) ?? -1;
    return { seq, step: index >= 0 ? seq?.steps[index] : undefined, number: index + 1 };
  };
  const finish = (message: string) => {
    setWorking(null);
    setOutcome(message);
    tasks.reload();
  };

  return (
    <div className="c-screen" data-console-screen="tasks" aria-busy={tasks.loading}>
      <div className="c-toolbar">
        <ChipGroup
          label="Show"
          items={[
            { value: 'open', label: 'To do' },
            { value: 'completed', label: 'Done' },
          ]}
          value={status}
          onChange={setStatus}
        />
        <select
          className="s-input"
          aria-label="Task type"
          value={type}
          onChange={(e) => setType(e.target.value as TypeFilter)}
        >
          <option value="all">All types</option>
          {Object.entries(TYPE_LABEL).map(([v, label]) => (
            <option key={v} value={v}>
              {label}
            </option>
          ))}
        </select>
        <button type="button" className="s-btn" onClick={tasks.reload}>
          Refresh
        </button>
        <BusyLine busy={tasks.loading && !!tasks.data} />
      </div>
      {outcome && (
        <p className="s-info" role="status" data-console-outcome="">
          {outcome}
        </p>
      )}
      <ProblemNotice problem={tasks.error} onRetry={tasks.reload} />
      {!tasks.data && !tasks.error && <Loading what="tasks" />}
      {tasks.data && items.length === 0 && (
        <EmptyState title={status === 'open' ? 'Nothing to do' : 'No completed tasks'}>
          {status === 'open'
            ? 'Manual emails, calls and LinkedIn steps of your sequences appear here when they are due.'
            : ''}
        </EmptyState>
      )}
      {items.length > 0 && (
        <table className="c-table" aria-label="Tasks">
          <thead>
            <tr>
              <th>Type</th>
              <th>Contact</th>
              <th>Sequence</th>
              <th>Due</th>
              <th>
                <span className="c-sr">Action</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {items.map((t) => {
              const c = people.data?.get(t.contactId);
              const { seq, number } = stepOf(t);
              const due = new Date(t.dueAt);
              // Overdue means a day has passed; due earlier today is simply "due".
              const overdue = t.status === 'open' && due < startOfToday;
              const dueNow = t.status === 'open' && !overdue && due <= today;
              return (
                <tr key={t.id} data-console-task={t.type}>
                  <td>{TYPE_LABEL[t.type]}</td>
                  <td>
                    <div>{people.data ? contactName(c) : '…'}</div>
                    <div className="s-small s-muted">{c?.email ?? ''}</div>
                  </td>
                  <td>
                    {seq?.name ?? '—'}
                    {number > 0 && <span className="s-small s-muted"> · step {number}</span>}
                  </td>
                  <td className="s-small">
                    {formatDateTime(t.dueAt)} {overdue && <Badge tone="bad">Overdue</Badge>}
                    {dueNow && <Badge tone="warn">Due</Badge>}
                    {t.note && <div className="s-muted">{t.note}</div>}
                  </td>
                  <td>
                    {t.status === 'open' && (
                      <button type="button" className="s-btn" data-primary="" onClick={() => setWorking(t)}>
                        {t.type === 'manual_email'
                          ? 'Write email'
                          : t.type === 'call'
                            ? 'Log call'
                            : 'Complete'}
                      </button>
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      {working?.type === 'manual_email' && (
        <ManualEmailDialog
          task={working}
          contact={people.data?.get(working.contactId)}
          sequence={stepOf(working).seq}
          onClose={() => setWorking(null)}
          onDone={() =>
            finish(`Email to ${contactName(people.data?.get(working.contactId))} queued to send.`)
          }
        />
      )}
      {working && working.type !== 'manual_email' && (
        <CompleteTaskDialog
          task={working}
          contact={people.data?.get(working.contactId)}
          instructions={stepOf(working).step?.body ?? null}
          onClose={() => setWorking(null)}
          onDone={() =>
            finish(
              `${TYPE_LABEL[working.type]} with ${contactName(people.data?.get(working.contactId))} done.`,
            )
          }
        />
      )}
    </div>
  );
}
