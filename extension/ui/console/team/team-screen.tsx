import { useState } from 'react';
import type { TeamUser } from '../../../../shared/schemas/user';
import { teamUserPageSchema } from '../api-schemas';
import { useLoad } from '../console-context';
import { fetchAll } from '../paginate';
import { Badge } from '../ui/badge';
import { BusyLine, EmptyState, Loading, ProblemNotice } from '../ui/notices';
import { ActiveDialog, TransferDialog } from './team-dialogs';

type Open = { kind: 'active' | 'transfer'; user: TeamUser } | null;

/** The team for admins: who may sign in, and deactivating, reactivating or handing over a user's work. */
export function TeamScreen() {
  const team = useLoad(
    ({ api }) => fetchAll(api, (s, query) => s.api.users.$get({ query }), teamUserPageSchema),
    [],
  );
  const [open, setOpen] = useState<Open>(null);
  const [outcome, setOutcome] = useState<string | null>(null);
  const done = (message: string) => {
    setOpen(null);
    setOutcome(message);
    team.reload();
  };
  const forbidden = team.error?.status === 403;
  return (
    <div className="c-screen" data-console-screen="team">
      <div className="c-toolbar">
        <span className="s-muted">
          Deactivated users cannot sign in; transfer their work so nothing waits.
        </span>
        <BusyLine busy={team.loading && !!team.data} />
      </div>
      {outcome && (
        <p className="s-info" role="status" data-console-outcome="">
          {outcome}
        </p>
      )}
      {forbidden ? (
        <p className="s-info" role="status">
          Only an admin can manage the team. Ask an admin of your team to add, deactivate or transfer users.
        </p>
      ) : (
        <ProblemNotice problem={team.error} onRetry={team.reload} />
      )}
      {!team.data && !team.error && <Loading what="the team" />}
      {team.data?.length === 0 && (
        <EmptyState title="Nobody on the team yet">
          People join the team when they first sign in to Stride with your team's server address.
        </EmptyState>
      )}
      {!!team.data?.length && (
        <table className="c-table" aria-label="Team">
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Email</th>
              <th scope="col">Role</th>
              <th scope="col">Status</th>
              <th scope="col">Actions</th>
            </tr>
          </thead>
          <tbody>
            {team.data.map((u) => (
              <tr key={u.id} data-console-user={u.id}>
                <td>{u.name}</td>
                <td>{u.email}</td>
                <td>{u.role === 'admin' ? 'Admin' : 'Rep'}</td>
                <td>
                  {u.active ? (
                    <Badge tone="good">Active</Badge>
                  ) : (
                    <Badge
                      tone="warn"
                      title={u.deactivatedAt ? `since ${u.deactivatedAt.slice(0, 10)}` : undefined}
                    >
                      Deactivated
                    </Badge>
                  )}
                </td>
                <td className="c-actions">
                  <button
                    type="button"
                    className="s-btn"
                    aria-label={`${u.active ? 'Deactivate' : 'Reactivate'} ${u.name}`}
                    onClick={() => setOpen({ kind: 'active', user: u })}
                  >
                    {u.active ? 'Deactivate' : 'Reactivate'}
                  </button>{' '}
                  <button
                    type="button"
                    className="s-btn"
                    aria-label={`Transfer ${u.name}'s work`}
                    onClick={() => setOpen({ kind: 'transfer', user: u })}
                  >
                    Transfer
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {open?.kind === 'active' && (
        <ActiveDialog user={open.user} onClose={() => setOpen(null)} onDone={done} />
      )}
      {open?.kind === 'transfer' && (
        <TransferDialog user={open.user} team={team.data ?? []} onClose={() => setOpen(null)} onDone={done} />
      )}
    </div>
  );
}
