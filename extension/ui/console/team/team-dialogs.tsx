import { useId, useState } from 'react';
import type { TeamUser, TransferResult } from '../../../../shared/schemas/user';
import { encodeParams } from '../../../lib/api/api-core';
import { teamUserSchema, transferResultSchema } from '../api-schemas';
import { useAction, useConsole } from '../console-context';
import { Dialog } from '../ui/dialog';
import { ProblemNotice } from '../ui/notices';

/** Deactivate or reactivate, after saying exactly what happens. */
export function ActiveDialog(props: { user: TeamUser; onClose(): void; onDone(message: string): void }) {
  const { api } = useConsole();
  const action = useAction();
  const { user } = props;
  const deactivating = user.active;
  return (
    <Dialog
      title={deactivating ? `Deactivate ${user.name}?` : `Reactivate ${user.name}?`}
      submitLabel={deactivating ? 'Deactivate' : 'Reactivate'}
      danger={deactivating}
      busy={action.busy}
      onClose={props.onClose}
      onSubmit={() =>
        action.run(async () => {
          await api.call(
            (s) =>
              s.api.users[':id'].$patch({
                param: encodeParams({ id: user.id }),
                json: { active: !deactivating },
              }),
            teamUserSchema,
          );
          props.onDone(
            deactivating
              ? `${user.name} is deactivated and signed out everywhere.`
              : `${user.name} can sign in again.`,
          );
        })
      }
    >
      {deactivating ? (
        <p>
          {user.name} ({user.email}) is signed out on every device and can no longer sign in. Emails to
          contacts they own are not attempted until you transfer their work to someone else or reactivate
          them. Nothing is deleted.
        </p>
      ) : (
        <p>
          {user.name} ({user.email}) can sign in again; emails held for them go out at the next opportunity.
        </p>
      )}
      <ProblemNotice problem={action.error} />
    </Dialog>
  );
}

const movedInWords = (r: TransferResult): string => {
  const m = r.moved;
  const parts = [
    [m.contacts, 'contact'],
    [m.accounts, 'account'],
    [m.sequences, 'sequence'],
    [m.mailboxes, 'mailbox'],
    [m.tasks, 'open task'],
    [m.enrollments, 'enrollment'],
  ] as const;
  const said = parts
    .filter(([n]) => n > 0)
    .map(([n, what]) => `${n} ${what}${n === 1 ? '' : what === 'mailbox' ? 'es' : 's'}`);
  const resumed = m.resumedEmails > 0 ? `; ${m.resumedEmails} held emails will go out` : '';
  return said.length ? `Moved ${said.join(', ')}${resumed}.` : 'There was nothing to move.';
};

/** One call moves a user's contacts, sequences, mailboxes and tasks to an active colleague. */
export function TransferDialog(props: {
  user: TeamUser;
  team: TeamUser[];
  onClose(): void;
  onDone(message: string): void;
}) {
  const { api } = useConsole();
  const action = useAction();
  const id = useId();
  const candidates = props.team.filter((u) => u.active && u.id !== props.user.id);
  const [toUserId, setToUserId] = useState(candidates[0]?.id ?? '');
  const to = candidates.find((u) => u.id === toUserId);
  return (
    <Dialog
      title={`Transfer ${props.user.name}'s work`}
      submitLabel="Transfer"
      submitDisabled={!to}
      busy={action.busy}
      onClose={props.onClose}
      onSubmit={() =>
        action.run(async () => {
          const result = await api.call(
            (s) =>
              s.api.users[':id'].transfer.$post({
                param: encodeParams({ id: props.user.id }),
                json: { toUserId },
              }),
            transferResultSchema,
          );
          props.onDone(`${movedInWords(result)} ${to?.name ?? 'The new owner'} owns them now.`);
        })
      }
    >
      <p>
        Their contacts, accounts, lists, sequences, mailboxes, open tasks and running enrollments move to the
        person you pick. Mailboxes keep their address, so scheduled emails go out as before. History stays.
      </p>
      {candidates.length === 0 ? (
        <p className="s-alert" role="alert">
          There is no other active user to receive the work. Invite or reactivate someone first.
        </p>
      ) : (
        <div className="s-field">
          <label htmlFor={`${id}-to`}>Move everything to</label>
          <select
            id={`${id}-to`}
            className="s-input"
            value={toUserId}
            onChange={(e) => setToUserId(e.target.value)}
          >
            {candidates.map((u) => (
              <option key={u.id} value={u.id}>
                {u.name} ({u.email})
              </option>
            ))}
          </select>
        </div>
      )}
      <ProblemNotice problem={action.error} />
    </Dialog>
  );
}
