import { useState } from 'react';
import { mailboxPageSchema } from '../api-schemas';
import { useLoad } from '../console-context';
import { fetchAll } from '../paginate';
import { BusyLine, EmptyState, Loading, ProblemNotice } from '../ui/notices';
import { LinkMailboxDialog } from './link-mailbox-dialog';
import { MailboxCard } from './mailbox-card';

/** The rep's linked mailboxes (an admin sees the team's), and linking a new one. */
export function MailboxesScreen() {
  const [linking, setLinking] = useState(false);
  const [outcome, setOutcome] = useState<string | null>(null);
  const boxes = useLoad(
    ({ api }) => fetchAll(api, (s, query) => s.api.mailboxes.$get({ query }), mailboxPageSchema),
    [],
  );
  const changed = (message?: string) => {
    setLinking(false);
    if (message) setOutcome(message);
    boxes.reload();
  };
  return (
    <div className="c-screen" data-console-screen="mailboxes">
      <div className="c-toolbar">
        <span className="s-muted">
          Sequences send through these mailboxes, within each one's daily and hourly limits.
        </span>
        <BusyLine busy={boxes.loading && !!boxes.data} />
        <span className="c-grow" />
        <button type="button" className="s-btn" data-primary="" onClick={() => setLinking(true)}>
          Link a mailbox
        </button>
      </div>
      {outcome && (
        <p className="s-info" role="status" data-console-outcome="">
          {outcome}
        </p>
      )}
      <ProblemNotice problem={boxes.error} onRetry={boxes.reload} />
      {!boxes.data && !boxes.error && <Loading what="mailboxes" />}
      {boxes.data?.length === 0 && (
        <EmptyState title="No mailbox linked yet">Link one so your sequences can send email.</EmptyState>
      )}
      <div className="c-card-grid">
        {boxes.data?.map((m) => (
          <MailboxCard key={m.id} mailbox={m} onChanged={changed} />
        ))}
      </div>
      {linking && <LinkMailboxDialog onClose={() => setLinking(false)} onLinked={changed} />}
    </div>
  );
}
