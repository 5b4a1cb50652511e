import { useMemo, useRef, useState } from 'react';
import type { Task } from '../../../../shared/schemas/email';
import { sequencePageSchema, taskPageSchema } from '../api-schemas';
import { useAction, useConsole, useLoad } from '../console-context';
import { contactName } from '../contact-directory';
import { formatDateTime } from '../format';
import { fetchAll } from '../paginate';
import { ContactLink } from '../records/contact-link';
import { goToShortcuts, ShortcutHelp } from '../shortcuts';
import { Badge } from '../ui/badge';
import { ChipGroup } from '../ui/chips';
import { BusyLine, EmptyState, Loading, ProblemNotice } from '../ui/notices';
import { OwnerPicker } from '../ui/owner-picker';
import { SnoozeDialog, snoozeOnServer } from './snooze-dialog';
import { systemWakeClock, useSnoozeWake, type WakeClock, wokenMessage } from './snooze-wake';
import { CompleteTaskDialog, ManualEmailDialog } from './task-dialogs';

const TYPE_LABEL: Record<Task['type'], string> = {
  manual_email: 'Manual email',
  call: 'Call',
  linkedin: 'LinkedIn',
  task: 'Action item',
};
type TypeFilter = 'all' | Task['type'];
/** Snoozed is its own view: open tasks the server keeps out of the due queue until their time. */
type View = 'open' | 'snoozed' | 'completed';

/** What the last action did, and the snoozed task (with its contact's name) it can still undo. */
interface Outcome {
  message: string;
  undo?: { task: Task; name: string };
}

const EMPTY_TITLE: Record<View, string> = {
  open: 'Nothing to do',
  snoozed: 'No snoozed tasks',
  completed: 'No completed tasks',
};

/** One view's tasks (none for `null`), reloaded when the server reports a change. */
function useTaskList(view: View | null, type: TypeFilter, owner: string) {
  return useLoad(
    ({ api }) =>
      view === null
        ? Promise.resolve(undefined)
        : fetchAll(
            api,
            (s, query) =>
              s.api.tasks.$get({
                query: {
                  ...query,
                  status: view === 'snoozed' ? 'open' : view,
                  snoozed: view === 'snoozed' ? 'only' : undefined,
                  type: type === 'all' ? undefined : type,
                  ownerId: owner || undefined,
                },
              }),
            taskPageSchema,
          ),
    [view, type, owner],
    // A step that goes out creates the next task: the enrollment's change brings it in.
    { live: true },
  );
}

/**
 * The queue of manual steps: emails to personalise and send, calls, LinkedIn steps and tasks. A task
 * snoozed until a time comes back by itself at that time while the screen is open (`clock` drives it).
 */
export function TasksScreen(props: { clock?: WakeClock } = {}) {
  const { api, now } = useConsole();
  const clock = useMemo(() => props.clock ?? systemWakeClock(now), [props.clock, now]);
  const [status, setStatus] = useState<View>('open');
  const [type, setType] = useState<TypeFilter>('all');
  // '' is the caller's own queue; an admin may pick a teammate's.
  const [owner, setOwner] = useState('');
  const [working, setWorking] = useState<Task | null>(null);
  const [snoozing, setSnoozing] = useState<Task | null>(null);
  // The last outcome, and the snoozed task it can undo (wake) while it is shown.
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  // What came back from a snooze while the screen was open, said in the polite live region.
  const [woke, setWoke] = useState('');
  const undo = useAction();
  const tasks = useTaskList(status, type, owner);
  // The To do view also needs to know what sleeps, to bring it back at its time; the Snoozed view
  // lists exactly that already, and Done has none.
  const asleep = useTaskList(status === 'open' ? 'snoozed' : null, type, owner);
  const snoozedKnown = status === 'snoozed' ? tasks.data : asleep.data;
  const sequences = useLoad(async ({ api }) => {
    const list = await fetchAll(api, (s, query) => s.api.sequences.$get({ query }), sequencePageSchema);
    return new Map(list.map((s) => [s.id, s]));
  }, []);
  // The current task by id, so a task waking up above it does not move "current" to another task
  // (c would complete the wrong one); by position once it left the list, so the next one follows.
  const [current, setCurrent] = useState<{ index: number; id?: string }>({ index: 0 });
  const rows = useRef<HTMLTableSectionElement>(null);
  const items = [...(tasks.data ?? [])].sort((a, b) => a.dueAt.localeCompare(b.dueAt));
  const byId = current.id ? items.findIndex((t) => t.id === current.id) : -1;
  const at = byId >= 0 ? byId : Math.min(current.index, Math.max(0, items.length - 1));
  const select = (i: number) => setCurrent({ index: i, id: items[i]?.id });
  const focusRow = (i: number) => {
    const next = Math.max(0, Math.min(i, items.length - 1));
    select(next);
    rows.current?.querySelectorAll<HTMLElement>('tr')[next]?.focus();
  };
  const currentTask = items[at];
  const shortcuts = [
    { keys: 'j', label: 'Next task', run: () => focusRow(at + 1) },
    { keys: 'k', label: 'Previous task', run: () => focusRow(at - 1) },
    {
      keys: 'c',
      label: 'Complete the current task (write the email, log the call…)',
      run: () => currentTask?.status === 'open' && setWorking(currentTask),
    },
    {
      keys: 's',
      label: 'Skip: leave the current task for later and go to the next',
      run: () => focusRow(at + 1),
    },
    {
      keys: 'z',
      label: 'Snooze the current task: later today, tomorrow morning or next week',
      run: () => currentTask?.status === 'open' && !currentTask.snoozedUntil && setSnoozing(currentTask),
    },
    { keys: 'r', label: 'Refresh the queue', run: () => tasks.reload() },
    ...goToShortcuts,
  ];
  const contactIds = [...new Set([...items, ...(snoozedKnown ?? [])].map((t) => t.contactId))];
  const key = contactIds.join(',');
  const people = useLoad(({ contacts }) => contacts.many(contactIds), [key]);
  useSnoozeWake(snoozedKnown, clock, (back, again) => {
    if (!again) setWoke(wokenMessage(back.map((t) => contactName(people.data?.get(t.contactId)))));
    tasks.reload();
    asleep.reload();
  });
  const today = now();
  const startOfToday = new Date(today.getFullYear(), today.getMonth(), today.getDate());

  const stepOf = (t: Task) => {
    const seq = t.sequenceId ? sequences.data?.get(t.sequenceId) : undefined;
    const index = seq?.steps.findIndex((s) => s.id === t.stepId) ?? -1;
    return { seq, step: index >= 0 ? seq?.steps[index] : undefined, number: index + 1 };
  };
  const finish = (message: string) => {
    setWorking(null);
    setOutcome({ message });
    tasks.reload();
  };
  // The name is passed in: once snoozed, the contact may have left the loaded page of people.
  const wake = (t: Task, name: string) =>
    undo.run(async () => {
      await snoozeOnServer(api, t.id, null);
      setOutcome({ message: `The task for ${name} is back in your queue.` });
      tasks.reload();
    });

  return (
    <div className="c-screen" data-console-screen="tasks" aria-busy={tasks.loading}>
      <div className="c-toolbar">
        <ChipGroup
          label="Show"
          items={[
            { value: 'open', label: 'To do' },
            { value: 'snoozed', label: 'Snoozed' },
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
        <OwnerPicker label="Whose tasks" allowAny={false} value={owner} onChange={setOwner} />
        <button type="button" className="s-btn" onClick={tasks.reload}>
          Refresh
        </button>
        <BusyLine busy={tasks.loading && !!tasks.data} />
        <ShortcutHelp title="Tasks" shortcuts={shortcuts} />
      </div>
      {outcome && (
        <p className="s-info" role="status" data-console-outcome="">
          {outcome.message}{' '}
          {outcome.undo && (
            <button
              type="button"
              className="s-btn s-small"
              disabled={undo.busy}
              onClick={() => outcome.undo && wake(outcome.undo.task, outcome.undo.name)}
            >
              Undo
            </button>
          )}
        </p>
      )}
      {/* Always in the page, so screen readers hear what is put in it; never takes focus. */}
      <p className={woke ? 's-info' : 'c-sr'} aria-live="polite" data-console-woke="">
        {woke}
      </p>
      <ProblemNotice problem={undo.error} />
      <ProblemNotice problem={tasks.error} onRetry={tasks.reload} />
      {!tasks.data && !tasks.error && <Loading what="tasks" />}
      {tasks.data && items.length === 0 && (
        <EmptyState title={EMPTY_TITLE[status]}>
          {status === 'open'
            ? 'Manual emails, calls and LinkedIn steps of your sequences appear here when they are due.'
            : status === 'snoozed'
              ? 'Tasks you snooze wait here until their time, then come back to your queue by themselves.'
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
          <tbody ref={rows}>
            {items.map((t, i) => {
              const c = people.data?.get(t.contactId);
              const { seq, number } = stepOf(t);
              const due = new Date(t.dueAt);
              // Overdue means a day has passed; due earlier today is simply "due".
              const overdue = t.status === 'open' && due < startOfToday;
              const dueNow = t.status === 'open' && !overdue && due <= today;
              return (
                <tr
                  key={t.id}
                  data-console-task={t.type}
                  tabIndex={-1}
                  aria-current={i === at ? 'true' : undefined}
                  data-current={i === at ? '' : undefined}
                  onFocus={() => select(i)}
                >
                  <td>{TYPE_LABEL[t.type]}</td>
                  <td>
                    <div>
                      <ContactLink id={t.contactId} contact={c} loading={!people.data} />
                    </div>
                    <div className="s-small s-muted">{c?.email ?? ''}</div>
                  </td>
                  <td>
                    {seq?.name ?? '—'}
                    {number > 0 && <span className="s-small s-muted"> · step {number}</span>}
                  </td>
                  <td className="s-small">
                    {formatDateTime(t.dueAt)} {overdue && <Badge tone="bad">Overdue</Badge>}
                    {dueNow && <Badge tone="warn">Due</Badge>}
                    {t.snoozedUntil && (
                      <div className="s-muted">Snoozed until {formatDateTime(t.snoozedUntil)}</div>
                    )}
                    {t.note && <div className="s-muted">{t.note}</div>}
                  </td>
                  <td>
                    {t.snoozedUntil && (
                      <button
                        type="button"
                        className="s-btn"
                        disabled={undo.busy}
                        onClick={() => wake(t, contactName(c))}
                      >
                        Wake now
                      </button>
                    )}
                    {t.status === 'open' && !t.snoozedUntil && (
                      <button type="button" className="s-btn" data-primary="" onClick={() => setWorking(t)}>
                        {t.type === 'manual_email'
                          ? 'Write email'
                          : t.type === 'call'
                            ? 'Log call'
                            : 'Complete'}
                      </button>
                    )}
                    {t.status === 'open' && !t.snoozedUntil && (
                      <button type="button" className="s-btn" onClick={() => setSnoozing(t)}>
                        Snooze
                      </button>
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      {snoozing && (
        <SnoozeDialog
          task={snoozing}
          contact={people.data?.get(snoozing.contactId)}
          onClose={() => setSnoozing(null)}
          onDone={(t) => {
            const name = contactName(people.data?.get(t.contactId));
            setSnoozing(null);
            setOutcome({
              message: `Task for ${name} snoozed until ${formatDateTime(t.snoozedUntil)}.`,
              undo: { task: t, name },
            });
            tasks.reload();
          }}
        />
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
