import { useRef, useState } from 'react';
import { defaultSchedule } from '../../../../shared/schemas/schedule';
import { encodeParams } from '../../../lib/api/api-core';
import { type Counts, type SequenceView, sequencePageSchema, sequenceViewSchema } from '../api-schemas';
import { useAction, useConsole, useLoad } from '../console-context';
import { formatCount } from '../format';
import { fetchAll } from '../paginate';
import { useRowCursor } from '../row-cursor';
import { goToShortcuts, ShortcutHelp } from '../shortcuts';
import { Badge } from '../ui/badge';
import { ChipGroup } from '../ui/chips';
import { Dialog } from '../ui/dialog';
import { Field } from '../ui/field';
import { BusyLine, EmptyState, Loading, ProblemNotice } from '../ui/notices';
import { OwnerPicker } from '../ui/owner-picker';
import { useDebounced } from '../use-debounced';

const COUNT_COLUMNS: Array<{ key: keyof Counts; label: string }> = [
  { key: 'active', label: 'Active' },
  { key: 'scheduled', label: 'Scheduled' },
  { key: 'paused', label: 'Paused' },
  { key: 'finished', label: 'Finished' },
  { key: 'bounced', label: 'Bounced' },
  { key: 'not_sent', label: 'Not sent' },
];

type ActiveFilter = 'all' | 'true' | 'false' | 'archived';

/** The sequence just archived, so the rep can take it back in one click. */
interface Archived {
  id: string;
  name: string;
  wasActive: boolean;
}

function NewSequenceDialog(props: { onClose(): void; onCreated(s: SequenceView): void }) {
  const { api } = useConsole();
  const [name, setName] = useState('');
  const action = useAction();
  const browserZone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  return (
    <Dialog
      title="New sequence"
      submitLabel="Create"
      busy={action.busy}
      submitDisabled={!name.trim()}
      onClose={props.onClose}
      onSubmit={() =>
        action.run(async () => {
          const created = await api.call(
            (s) =>
              s.api.sequences.$post({
                json: {
                  name: name.trim(),
                  active: false,
                  schedule: { ...defaultSchedule, timezone: browserZone || 'UTC' },
                  steps: [{ type: 'auto_email', waitMinutes: 0, subject: '', body: '' }],
                },
              }),
            sequenceViewSchema,
          );
          props.onCreated(created);
        })
      }
    >
      <Field
        label="Name"
        error={action.error?.fieldMessage('name')}
        hint="It starts inactive: activate it once the steps are ready."
      >
        <input className="s-input" value={name} onChange={(e) => setName(e.target.value)} data-autofocus="" />
      </Field>
      <ProblemNotice problem={action.error?.fields.length ? undefined : action.error} />
    </Dialog>
  );
}

/** Every sequence the rep can see, with how many contacts sit in each status. */
export function SequenceList(props: { onOpen(id: string): void }) {
  const { api } = useConsole();
  const [q, setQ] = useState('');
  const [active, setActive] = useState<ActiveFilter>('all');
  const [owner, setOwner] = useState('');
  const [creating, setCreating] = useState(false);
  const [archived, setArchived] = useState<Archived | null>(null);
  const term = useDebounced(q.trim(), 250);
  const list = useLoad(
    ({ api }) =>
      fetchAll(
        api,
        (s, page) =>
          s.api.sequences.$get({
            query: {
              ...page,
              q: term || undefined,
              active: active === 'all' || active === 'archived' ? undefined : active,
              archived: active === 'archived' ? 'true' : undefined,
              ownerId: owner || undefined,
            },
          }),
        sequencePageSchema,
      ),
    [term, active, owner],
  );
  const toggle = useAction();
  const search = useRef<HTMLInputElement>(null);
  const rows = list.data ?? [];
  const cursor = useRowCursor(rows.length);
  const currentSequence = rows[cursor.at];
  // Pausing a sequence is deactivating it: nothing more goes out until it is active again.
  const setActiveOf = (s: SequenceView) =>
    toggle.run(async () => {
      await api.call(
        (server) =>
          server.api.sequences[':id'].$patch({
            param: encodeParams({ id: s.id }),
            json: { active: !s.active },
          }),
        sequenceViewSchema,
      );
      list.reload();
    });
  const shortcuts = [
    { keys: 'j', label: 'Next sequence', run: () => cursor.focusRow(cursor.at + 1) },
    { keys: 'k', label: 'Previous sequence', run: () => cursor.focusRow(cursor.at - 1) },
    {
      keys: 'Enter',
      label: 'Open the current sequence',
      run: () => currentSequence && props.onOpen(currentSequence.id),
    },
    {
      keys: 'p',
      label: 'Pause (deactivate) or resume (activate) the current sequence',
      run: () => {
        const s = currentSequence;
        if (s && !s.archivedAt && s.access !== 'view' && !toggle.busy) setActiveOf(s);
      },
    },
    { keys: '/', label: 'Search sequences', run: () => search.current?.focus() },
    ...goToShortcuts,
  ];

  return (
    <div className="c-screen" data-console-screen="sequences" aria-busy={list.loading}>
      <div className="c-toolbar">
        <input
          ref={search}
          className="s-input"
          type="search"
          aria-label="Search sequences by name"
          placeholder="Search sequences"
          value={q}
          onChange={(e) => setQ(e.target.value)}
        />
        <ChipGroup
          label="Show"
          items={[
            { value: 'all', label: 'All' },
            { value: 'true', label: 'Active' },
            { value: 'false', label: 'Inactive' },
            { value: 'archived', label: 'Archived' },
          ]}
          value={active}
          onChange={setActive}
        />
        <OwnerPicker value={owner} onChange={setOwner} />
        <BusyLine busy={list.loading && !!list.data} />
        <span className="c-grow" />
        <button type="button" className="s-btn" data-primary="" onClick={() => setCreating(true)}>
          New sequence
        </button>
        <ShortcutHelp title="Sequences" shortcuts={shortcuts} />
      </div>
      <ProblemNotice problem={list.error ?? toggle.error} onRetry={list.error ? list.reload : undefined} />
      {archived && (
        <div className="c-toolbar" role="status" data-console-archived={archived.name}>
          <span>
            “{archived.name}” is archived: it sends nothing and its history is kept. Find it under Archived.
          </span>
          <button
            type="button"
            className="s-btn"
            disabled={toggle.busy}
            onClick={() =>
              toggle.run(async () => {
                await api.call(
                  (s) =>
                    s.api.sequences[':id'].$patch({
                      param: encodeParams({ id: archived.id }),
                      json: { archived: false, ...(archived.wasActive && { active: true }) },
                    }),
                  sequenceViewSchema,
                );
                setArchived(null);
                list.reload();
              })
            }
          >
            Undo
          </button>
        </div>
      )}
      {!list.data && !list.error && <Loading what="sequences" />}
      {list.data?.length === 0 && (
        <EmptyState title={term || active !== 'all' ? 'No sequence matches' : 'No sequences yet'}>
          {term || active !== 'all' ? 'Clear the search or the filter.' : 'Create one to start reaching out.'}
        </EmptyState>
      )}
      {list.data && list.data.length > 0 && (
        <table className="c-table" aria-label="Sequences">
          <thead>
            <tr>
              <th>Name</th>
              <th>Status</th>
              <th className="c-num">Steps</th>
              {COUNT_COLUMNS.map((c) => (
                <th key={c.key} className="c-num">
                  {c.label}
                </th>
              ))}
              <th>
                <span className="c-sr">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody ref={cursor.body}>
            {list.data.map((s, i) => (
              <tr key={s.id} data-console-sequence={s.name} {...cursor.rowProps(i)}>
                <td>
                  <button type="button" className="c-link" onClick={() => props.onOpen(s.id)}>
                    {s.name}
                  </button>
                  {s.access !== 'owner' && <span className="s-small s-muted"> (shared)</span>}
                </td>
                <td>
                  <Badge tone={s.active ? 'good' : 'none'}>
                    {s.archivedAt ? 'Archived' : s.active ? 'Active' : 'Inactive'}
                  </Badge>
                </td>
                <td className="c-num">{s.steps.length}</td>
                {COUNT_COLUMNS.map((c) => (
                  <td key={c.key} className="c-num" data-count={c.key}>
                    {formatCount(s.counts[c.key])}
                  </td>
                ))}
                <td>
                  {!s.archivedAt && (
                    <button
                      type="button"
                      className="s-btn"
                      disabled={s.access === 'view' || toggle.busy}
                      aria-label={`${s.active ? 'Deactivate' : 'Activate'} ${s.name}`}
                      onClick={() => setActiveOf(s)}
                    >
                      {s.active ? 'Deactivate' : 'Activate'}
                    </button>
                  )}{' '}
                  <button
                    type="button"
                    className="s-btn"
                    aria-label={`Clone ${s.name}`}
                    disabled={toggle.busy}
                    onClick={() =>
                      toggle.run(async () => {
                        const copy = await api.call(
                          (server) =>
                            server.api.sequences[':id'].clone.$post({ param: encodeParams({ id: s.id }) }),
                          sequenceViewSchema,
                        );
                        props.onOpen(copy.id);
                      })
                    }
                  >
                    Clone
                  </button>{' '}
                  <button
                    type="button"
                    className="s-btn"
                    aria-label={`${s.archivedAt ? 'Restore' : 'Archive'} ${s.name}`}
                    disabled={s.access === 'view' || toggle.busy}
                    onClick={() =>
                      toggle.run(async () => {
                        await api.call(
                          (server) =>
                            server.api.sequences[':id'].$patch({
                              param: encodeParams({ id: s.id }),
                              json: { archived: !s.archivedAt },
                            }),
                          sequenceViewSchema,
                        );
                        setArchived(s.archivedAt ? null : { id: s.id, name: s.name, wasActive: s.active });
                        list.reload();
                      })
                    }
                  >
                    {s.archivedAt ? 'Restore' : 'Archive'}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {creating && (
        <NewSequenceDialog onClose={() => setCreating(false)} onCreated={(s) => props.onOpen(s.id)} />
      )}
    </div>
  );
}
