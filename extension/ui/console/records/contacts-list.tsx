import { useEffect, useRef, useState } from 'react';
import type { Contact } from '../../../../shared/schemas/contact';
import { removeListMembersResultSchema as removeResultSchema } from '../../../../shared/schemas/list';
import { encodeParams } from '../../../lib/api/api-core';
import { STATUS_LABEL } from '../../labels';
import type { ConsoleApi } from '../api-client';
import { contactPageSchema, listPageSchema, userSchema } from '../api-schemas';
import { useAction, useConsole, useLoad } from '../console-context';
import { formatCount, plural } from '../format';
import { fetchAll } from '../paginate';
import { goToShortcuts, ShortcutHelp } from '../shortcuts';
import { BusyLine, EmptyState, Loading, ProblemNotice } from '../ui/notices';
import { OwnerPicker } from '../ui/owner-picker';
import { useDebounced } from '../use-debounced';
import { ContactLink } from './contact-link';
import { EnrollContactsDialog } from './enroll-dialog';
import { AddToListDialog, RenameListDialog } from './list-dialogs';
import { type ContactFilter, emptyContactFilter, type SavedView } from './saved-views';

const PAGE = 50;
const STATUS_CHOICES: Array<{ value: ContactFilter['status']; label: string }> = [
  { value: '', label: 'Any status' },
  { value: 'not_enrolled', label: 'Never enrolled' },
  ...(['active', 'scheduled', 'paused', 'finished', 'bounced', 'not_sent', 'removed'] as const).map((s) => ({
    value: s,
    label: `${STATUS_LABEL[s]} in a sequence`,
  })),
];

type Query = { limit: number; cursor?: string | undefined };
function queryOf(f: ContactFilter, page: Query) {
  return {
    ...page,
    ...(f.q.trim() && { q: f.q.trim() }),
    ...(f.ownerId && { ownerId: f.ownerId }),
    ...(f.stage.trim() && { stage: f.stage.trim() }),
    ...(f.listId && { listId: f.listId }),
    ...(f.status && { status: f.status }),
  };
}

/** Every contact matching the filter, for "select all N matching". */
export const allMatching = (api: ConsoleApi, f: ContactFilter) =>
  fetchAll(api, (s, page) => s.api.contacts.$get({ query: queryOf(f, page) }), contactPageSchema);

function useSavedViews(user: string | undefined) {
  const { views } = useConsole();
  const [saved, setSaved] = useState<SavedView[]>([]);
  useEffect(() => {
    if (!user || !views) return;
    let alive = true;
    void views.load(user).then((v) => alive && setSaved(v));
    return () => {
      alive = false;
    };
  }, [user, views]);
  const store = (next: SavedView[]) => {
    setSaved(next);
    if (user && views) void views.save(user, next);
  };
  return { saved, store, available: !!views && !!user };
}

/** The Contacts screen: search and filters, saved views, and what to do with the contacts found. */
export function ContactsList() {
  const { api } = useConsole();
  const [filter, setFilter] = useState<ContactFilter>(emptyContactFilter);
  const debounced = useDebounced(filter, 250);
  const [pages, setPages] = useState<Array<string | undefined>>([undefined]);
  const [selected, setSelected] = useState(new Map<string, Contact>());
  const [allIds, setAllIds] = useState<string[] | null>(null);
  const [dialog, setDialog] = useState<'enroll' | 'list' | 'rename' | null>(null);
  const [outcome, setOutcome] = useState<string | null>(null);
  const search = useRef<HTMLInputElement>(null);
  const me = useLoad(({ api }) => api.call((s) => s.api.me.$get(), userSchema), []);
  const lists = useLoad(
    ({ api }) => fetchAll(api, (s, q) => s.api.lists.$get({ query: q }), listPageSchema),
    [],
    { live: true },
  );
  const cursor = pages[pages.length - 1];
  const contacts = useLoad(
    ({ api, contacts: dir }) =>
      api
        .call(
          (s) => s.api.contacts.$get({ query: queryOf(debounced, { limit: PAGE, cursor }) }),
          contactPageSchema,
        )
        .then((p) => {
          dir.remember(p.items);
          return p;
        }),
    [JSON.stringify(debounced), cursor],
    { live: true },
  );
  const views = useSavedViews(me.data?.id);
  const removeAction = useAction();

  const change = (patch: Partial<ContactFilter>) => {
    setFilter((f) => ({ ...f, ...patch }));
    setPages([undefined]);
    setAllIds(null);
  };
  const items = contacts.data?.items ?? [];
  const list = lists.data?.find((l) => l.id === filter.listId);
  const chosenIds = allIds ?? [...selected.keys()];
  const toggle = (c: Contact) => {
    setAllIds(null);
    const next = new Map(selected);
    if (next.has(c.id)) next.delete(c.id);
    else next.set(c.id, c);
    setSelected(next);
  };
  const pageAll = items.length > 0 && items.every((c) => selected.has(c.id));
  const selectAllMatching = async () => {
    const found = await removeAction.run(() => allMatching(api, filter));
    if (found) setAllIds(found.map((c) => c.id));
  };
  const clearSelection = () => {
    setSelected(new Map());
    setAllIds(null);
  };
  const saveView = () => {
    const name = window.prompt('Name this view', list?.name ?? 'My view');
    if (!name?.trim()) return;
    views.store([...views.saved.filter((v) => v.name !== name.trim()), { name: name.trim(), filter }]);
  };
  const removeFromList = async () => {
    if (!list) return;
    const r = await removeAction.run(() =>
      api.call(
        (s) =>
          s.api.lists[':id'].members.remove.$post({
            param: encodeParams({ id: list.id }),
            json: { contactIds: chosenIds },
          }),
        removeResultSchema,
      ),
    );
    if (!r) return;
    setOutcome(`${plural(r.removed, 'contact')} taken off ${list.name}. The contacts themselves are kept.`);
    clearSelection();
    contacts.reload();
    lists.reload();
  };

  const shortcuts = [
    { keys: '/', label: 'Search contacts', run: () => search.current?.focus() },
    { keys: 'e', label: 'Enroll the selected contacts', run: () => chosenIds.length && setDialog('enroll') },
    {
      keys: 'l',
      label: 'Add the selected contacts to a list',
      run: () => chosenIds.length && setDialog('list'),
    },
    {
      keys: 'n',
      label: 'Next page',
      run: () => contacts.data?.nextCursor && setPages((p) => [...p, contacts.data?.nextCursor]),
    },
    { keys: 'p', label: 'Previous page', run: () => pages.length > 1 && setPages((p) => p.slice(0, -1)) },
    ...goToShortcuts,
  ];

  return (
    <div className="c-screen" data-console-screen="contacts" aria-busy={contacts.loading}>
      <div className="c-toolbar">
        <input
          ref={search}
          className="s-input"
          type="search"
          aria-label="Search contacts"
          placeholder="Search name, email or company"
          value={filter.q}
          onChange={(e) => change({ q: e.target.value })}
        />
        <OwnerPicker value={filter.ownerId} onChange={(ownerId) => change({ ownerId })} />
        <input
          className="s-input"
          aria-label="Stage"
          placeholder="Stage"
          value={filter.stage}
          onChange={(e) => change({ stage: e.target.value })}
        />
        <select
          className="s-input"
          aria-label="List"
          value={filter.listId}
          onChange={(e) => change({ listId: e.target.value })}
        >
          <option value="">Any list</option>
          {lists.data?.map((l) => (
            <option key={l.id} value={l.id}>
              {l.name} ({formatCount(l.memberCount)})
            </option>
          ))}
        </select>
        <select
          className="s-input"
          aria-label="Status"
          value={filter.status}
          onChange={(e) => change({ status: e.target.value as ContactFilter['status'] })}
        >
          {STATUS_CHOICES.map((s) => (
            <option key={s.value} value={s.value}>
              {s.label}
            </option>
          ))}
        </select>
        <BusyLine busy={contacts.loading && !!contacts.data} />
        <ShortcutHelp title="Contacts" shortcuts={shortcuts} />
      </div>
      {views.available && (
        <div className="c-toolbar" data-console-saved-views="">
          <span className="s-small s-muted">Saved views:</span>
          {views.saved.length === 0 && <span className="s-small s-muted">none yet</span>}
          {views.saved.map((v) => (
            <span key={v.name} className="s-row">
              <button
                type="button"
                className="c-chip"
                onClick={() => {
                  setFilter(v.filter);
                  setPages([undefined]);
                  setAllIds(null);
                }}
              >
                {v.name}
              </button>
              <button
                type="button"
                className="s-btn s-small"
                aria-label={`Delete the saved view ${v.name}`}
                onClick={() => views.store(views.saved.filter((x) => x.name !== v.name))}
              >
                ×
              </button>
            </span>
          ))}
          <button type="button" className="s-btn s-small" onClick={saveView}>
            Save this view
          </button>
        </div>
      )}
      {list && (
        <div className="c-toolbar" data-console-list={list.id}>
          <strong>{list.name}</strong>
          <span className="s-small s-muted">{plural(list.memberCount, 'member')}</span>
          <button type="button" className="s-btn s-small" onClick={() => setDialog('rename')}>
            Rename list
          </button>
        </div>
      )}
      {chosenIds.length > 0 && (
        <section className="c-toolbar" aria-label="Selected contacts">
          <span>{plural(chosenIds.length, 'contact')} selected</span>
          <button type="button" className="s-btn" data-primary="" onClick={() => setDialog('enroll')}>
            Enroll in a sequence
          </button>
          <button type="button" className="s-btn" onClick={() => setDialog('list')}>
            Add to a list
          </button>
          {list && (
            <button type="button" className="s-btn" onClick={() => void removeFromList()}>
              Remove from {list.name}
            </button>
          )}
          <button type="button" className="s-btn" onClick={clearSelection}>
            Clear selection
          </button>
        </section>
      )}
      {outcome && (
        <p className="s-info" role="status" data-console-outcome="">
          {outcome}
        </p>
      )}
      <ProblemNotice problem={contacts.error ?? removeAction.error} onRetry={contacts.reload} />
      {!contacts.data && !contacts.error && <Loading what="contacts" />}
      {contacts.data && items.length === 0 && (
        <EmptyState
          title={
            JSON.stringify(filter) === JSON.stringify(emptyContactFilter)
              ? 'No contacts yet'
              : 'No contact matches'
          }
        >
          {JSON.stringify(filter) === JSON.stringify(emptyContactFilter) ? (
            <>
              Import a CSV on the <a href="#import">Import tab</a> to bring your contacts in.
            </>
          ) : (
            'Try fewer filters or another search.'
          )}
        </EmptyState>
      )}
      {items.length > 0 && (
        <>
          {pageAll && !allIds && (
            <p className="s-small">
              All {items.length} on this page are selected.{' '}
              <button type="button" className="s-btn s-small" onClick={() => void selectAllMatching()}>
                Select all matching contacts
              </button>
            </p>
          )}
          {allIds && (
            <p className="s-small" role="status">
              All {plural(allIds.length, 'matching contact')} are selected.
            </p>
          )}
          <table className="c-table" aria-label="Contacts">
            <thead>
              <tr>
                <th className="c-check">
                  <input
                    type="checkbox"
                    aria-label="Select every contact on this page"
                    checked={pageAll}
                    onChange={() => {
                      setAllIds(null);
                      const next = new Map(selected);
                      for (const c of items) {
                        if (pageAll) next.delete(c.id);
                        else next.set(c.id, c);
                      }
                      setSelected(next);
                    }}
                  />
                </th>
                <th>Name</th>
                <th>Email</th>
                <th>Company</th>
                <th>Stage</th>
              </tr>
            </thead>
            <tbody>
              {items.map((c) => (
                <tr key={c.id} data-console-contact={c.email ?? c.id}>
                  <td className="c-check">
                    <input
                      type="checkbox"
                      aria-label={`Select ${c.email ?? c.id}`}
                      checked={!!allIds?.includes(c.id) || selected.has(c.id)}
                      onChange={() => toggle(c)}
                    />
                  </td>
                  <td>
                    <ContactLink id={c.id} contact={c} />
                  </td>
                  <td>
                    {c.email ?? <span className="s-muted">no email</span>}
                    {c.unsubscribed && <span className="s-small s-muted"> · unsubscribed</span>}
                    {c.bounced && <span className="s-small s-muted"> · bounced</span>}
                  </td>
                  <td>{c.company ?? ''}</td>
                  <td>{c.stage ?? ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <div className="c-toolbar">
            <button
              type="button"
              className="s-btn"
              disabled={pages.length <= 1}
              onClick={() => setPages((p) => p.slice(0, -1))}
            >
              Previous
            </button>
            <button
              type="button"
              className="s-btn"
              disabled={!contacts.data?.nextCursor}
              onClick={() => setPages((p) => [...p, contacts.data?.nextCursor])}
            >
              Next
            </button>
          </div>
        </>
      )}
      {dialog === 'enroll' && (
        <EnrollContactsDialog
          contactIds={chosenIds}
          onClose={() => setDialog(null)}
          onEnrolled={(message) => {
            setOutcome(message);
            contacts.reload();
          }}
        />
      )}
      {dialog === 'list' && (
        <AddToListDialog
          contactIds={chosenIds}
          onClose={() => setDialog(null)}
          onAdded={(message) => {
            setDialog(null);
            setOutcome(message);
            lists.reload();
          }}
        />
      )}
      {dialog === 'rename' && list && (
        <RenameListDialog
          list={list}
          onClose={() => setDialog(null)}
          onRenamed={() => {
            setDialog(null);
            lists.reload();
          }}
        />
      )}
    </div>
  );
}
