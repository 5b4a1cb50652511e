import { useState } from 'react';
import { encodeParams } from '../../../lib/api/api-core';
import { type Share, sharesSchema, userPageSchema } from '../api-schemas';
import { useAction, useConsole, useLoad } from '../console-context';
import { Dialog } from '../ui/dialog';
import { Field } from '../ui/field';
import { ProblemNotice } from '../ui/notices';

/**
 * Share with a teammate (view or edit). Only admins may list the team (GET /api/users), and there is
 * no route that lists a sequence's shares, so a rep types the teammate's user id and the list shows
 * what the server answered to this dialog's own changes.
 */
export function ShareDialog(props: { sequenceId: string; sequenceName: string; onClose(): void }) {
  const { api } = useConsole();
  const team = useLoad(async ({ api }) => {
    try {
      return (await api.call((s) => s.api.users.$get({ query: { limit: 1000 } }), userPageSchema)).items;
    } catch {
      return null;
    }
  }, []);
  const [userId, setUserId] = useState('');
  const [access, setAccess] = useState<'view' | 'edit'>('view');
  const [shares, setShares] = useState<Share[] | null>(null);
  const action = useAction();
  const param = encodeParams({ id: props.sequenceId });

  const share = () =>
    action.run(async () => {
      const result = await api.call(
        (s) => s.api.sequences[':id'].share.$post({ param, json: { userId: userId.trim(), access } }),
        sharesSchema,
      );
      setShares(result.shares);
      setUserId('');
    });
  const unshare = (id: string) =>
    action.run(async () => {
      const result = await api.call(
        (s) =>
          s.api.sequences[':id'].share[':userId'].$delete({
            param: { ...param, ...encodeParams({ userId: id }) },
          }),
        sharesSchema,
      );
      setShares(result.shares);
    });

  return (
    <Dialog
      title={`Share “${props.sequenceName}”`}
      onClose={props.onClose}
      onSubmit={share}
      submitLabel="Share"
      submitDisabled={!userId.trim()}
      busy={action.busy}
    >
      <p className="s-small s-muted">
        “Can edit” lets a teammate add, pause, resume, finish and remove contacts and change the steps. “Can
        view” only shows the sequence.
      </p>
      {team.data ? (
        <Field label="Teammate" error={action.error?.fieldMessage('userId')}>
          <select className="s-input" value={userId} onChange={(e) => setUserId(e.target.value)}>
            <option value="">Choose a teammate…</option>
            {team.data.map((u) => (
              <option key={u.id} value={u.id}>
                {u.name} ({u.email})
              </option>
            ))}
          </select>
        </Field>
      ) : (
        <Field
          label="Teammate's user id"
          hint={
            team.loading
              ? 'Loading your team…'
              : 'Only admins can list the team; ask your teammate or an admin for the id.'
          }
          error={action.error?.fieldMessage('userId')}
        >
          <input className="s-input" value={userId} onChange={(e) => setUserId(e.target.value)} />
        </Field>
      )}
      <Field label="Access">
        <select
          className="s-input"
          value={access}
          onChange={(e) => setAccess(e.target.value as 'view' | 'edit')}
        >
          <option value="view">Can view</option>
          <option value="edit">Can edit</option>
        </select>
      </Field>
      <ProblemNotice problem={action.error} />
      {shares && (
        <>
          <h3>Shared with</h3>
          {shares.length === 0 ? (
            <p className="s-small s-muted">Nobody else.</p>
          ) : (
            <ul className="s-list">
              {shares.map((s) => (
                <li key={s.userId} className="s-row s-reason">
                  <span>
                    {s.name} <span className="s-muted s-small">{s.email}</span>
                  </span>
                  <span className="s-badge">{s.access === 'edit' ? 'Can edit' : 'Can view'}</span>
                  <button type="button" className="c-link s-small" onClick={() => unshare(s.userId)}>
                    Stop sharing
                  </button>
                </li>
              ))}
            </ul>
          )}
        </>
      )}
    </Dialog>
  );
}
