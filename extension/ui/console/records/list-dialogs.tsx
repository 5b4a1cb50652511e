import { useState } from 'react';
import { addListMembersResultSchema, type ContactList, listSchema } from '../../../../shared/schemas/list';
import { encodeParams } from '../../../lib/api/api-core';
import { listPageSchema } from '../api-schemas';
import { useAction, useConsole, useLoad } from '../console-context';
import { plural } from '../format';
import { fetchAll } from '../paginate';
import { Dialog } from '../ui/dialog';
import { Field } from '../ui/field';
import { ProblemNotice } from '../ui/notices';

const NEW = '__new__';

/** Puts contacts on an existing list or on a new one named here. */
export function AddToListDialog(props: {
  contactIds: readonly string[];
  onClose(): void;
  onAdded(message: string): void;
}) {
  const { api } = useConsole();
  const lists = useLoad(
    ({ api }) => fetchAll(api, (s, q) => s.api.lists.$get({ query: q }), listPageSchema),
    [],
  );
  const [choice, setChoice] = useState('');
  const [name, setName] = useState('');
  const action = useAction();
  const picked = choice || (lists.data?.length ? '' : NEW);
  const nameError = picked === NEW && action.error?.fields.find((f) => f.path === 'name')?.message;
  return (
    <Dialog
      title={`Add ${plural(props.contactIds.length, 'contact')} to a list`}
      submitLabel="Add to list"
      submitDisabled={!picked || (picked === NEW && !name.trim())}
      busy={action.busy}
      onClose={props.onClose}
      onSubmit={() =>
        action.run(async () => {
          const list =
            picked === NEW
              ? await api.call((s) => s.api.lists.$post({ json: { name: name.trim() } }), listSchema)
              : (lists.data?.find((l) => l.id === picked) as ContactList);
          let added = 0;
          let already = 0;
          for (let i = 0; i < props.contactIds.length; i += 10_000) {
            const r = await api.call(
              (s) =>
                s.api.lists[':id'].members.$post({
                  param: encodeParams({ id: list.id }),
                  json: { contactIds: props.contactIds.slice(i, i + 10_000) },
                }),
              addListMembersResultSchema,
            );
            added += r.added;
            already += r.alreadyMembers;
          }
          props.onAdded(
            `${plural(added, 'contact')} added to ${list.name}${already ? ` (${plural(already, 'was', 'were')} on it already)` : ''}.`,
          );
        })
      }
    >
      <Field label="List">
        <select
          className="s-input"
          value={picked}
          onChange={(e) => setChoice(e.target.value)}
          data-autofocus=""
        >
          <option value="">Choose a list…</option>
          {lists.data?.map((l) => (
            <option key={l.id} value={l.id}>
              {l.name} ({plural(l.memberCount, 'member')})
            </option>
          ))}
          <option value={NEW}>A new list…</option>
        </select>
      </Field>
      {picked === NEW && (
        <Field label="Name of the new list" error={nameError || undefined}>
          <input className="s-input" value={name} onChange={(e) => setName(e.target.value)} />
        </Field>
      )}
      <ProblemNotice problem={lists.error ?? (nameError ? undefined : action.error)} />
    </Dialog>
  );
}

export function RenameListDialog(props: { list: ContactList; onClose(): void; onRenamed(): void }) {
  const { api } = useConsole();
  const [name, setName] = useState(props.list.name);
  const action = useAction();
  const nameError = action.error?.fields.find((f) => f.path === 'name')?.message;
  return (
    <Dialog
      title={`Rename ${props.list.name}`}
      submitLabel="Rename"
      submitDisabled={!name.trim() || name.trim() === props.list.name}
      busy={action.busy}
      onClose={props.onClose}
      onSubmit={() =>
        action.run(async () => {
          await api.call(
            (s) =>
              s.api.lists[':id'].$patch({
                param: encodeParams({ id: props.list.id }),
                json: { name: name.trim() },
              }),
            listSchema,
          );
          props.onRenamed();
        })
      }
    >
      <Field label="Name" error={nameError}>
        <input className="s-input" value={name} onChange={(e) => setName(e.target.value)} />
      </Field>
      {!nameError && <ProblemNotice problem={action.error} />}
    </Dialog>
  );
}
