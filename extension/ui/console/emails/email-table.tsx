import type { Email, EmailStatus } from '../../../../shared/schemas/email';
import { notSentEntryFor } from '../../../../shared/send-guard/catalog';
import { detailInWords } from '../../../../shared/send-guard/detail-words';
import { renderTemplate } from '../../../../shared/template/render';
import { mailboxPageSchema } from '../api-schemas';
import { useLoad, useNow } from '../console-context';
import { contactName } from '../contact-directory';
import { sendTimeWords } from '../format';
import { ContactLink, FixOnContact } from '../records/contact-link';
import type { RowCursor } from '../row-cursor';
import { Badge, type Tone } from '../ui/badge';
import { isRetryable, WAITING_FOR } from './email-filters';
import { queuePositions, waitEstimateWords } from './wait-estimate';

const STATUS: Record<EmailStatus, { label: string; tone: Tone }> = {
  scheduled: { label: 'Scheduled', tone: 'none' },
  sending: { label: 'Sending', tone: 'none' },
  sent: { label: 'Sent', tone: 'good' },
  bounced: { label: 'Bounced', tone: 'bad' },
  not_sent: { label: 'Not sent', tone: 'bad' },
  unknown: { label: 'Unknown', tone: 'warn' },
};

/** The reason inline, as the seeds ask: what happened and what to do, plus the provider's own words. */
function ReasonCell(props: { email: Email; estimate?: string | undefined }) {
  const { email } = props;
  if (email.status === 'unknown') {
    return (
      <div className="c-reason">
        The send was interrupted and its outcome is unknown; retry only if the contact did not get it.
      </div>
    );
  }
  if (email.status === 'bounced') {
    return (
      <div className="c-reason">
        The address refused the email.{email.detail && <div className="s-muted">{email.detail}</div>}
      </div>
    );
  }
  if (email.status === 'scheduled' && email.waitingFor)
    return (
      <div className="c-reason s-muted">
        {WAITING_FOR[email.waitingFor]}
        {props.estimate && (
          <div className="s-small" data-console-wait-estimate="">
            {props.estimate}
          </div>
        )}
      </div>
    );
  if (!email.reason) return null;
  // An `other` email the guard held for a reason of its own (empty, too long) reads in its own words.
  const entry = notSentEntryFor(email.reason, email.detail);
  const detail = detailInWords(email.detail, email.reason);
  return (
    <div className="c-reason" data-console-email-reason={email.reason}>
      <strong>{entry.label}.</strong> {entry.message}
      <div className="s-muted">{entry.resolution}</div>
      {(entry.kind === 'data' || entry.kind === 'compliance' || email.reason === 'blocked_contact_stage') && (
        <FixOnContact id={email.contactId} />
      )}
      {detail && (
        <div className="s-muted">
          {entry.kind === 'provider' ? 'Provider said' : 'Details'}: {detail}
        </div>
      )}
    </div>
  );
}

export function EmailTable(props: {
  emails: Email[];
  selected: ReadonlySet<string>;
  onSelect(s: ReadonlySet<string>): void;
  /** The keyboard's current row (j/k on the Emails screen). */
  cursor?: RowCursor;
}) {
  const { emails, selected, onSelect, cursor } = props;
  const now = useNow();
  const key = emails.map((e) => e.contactId).join(',');
  const people = useLoad(({ contacts }) => contacts.many(emails.map((e) => e.contactId)), [key]);
  const boxes = useLoad(
    ({ api }) =>
      api
        .call((s) => s.api.mailboxes.$get({ query: { limit: 100 } }), mailboxPageSchema)
        .then((p) => new Map(p.items.map((m) => [m.id, m]))),
    [],
  );
  const positions = queuePositions(emails);
  const retryable = emails.filter(isRetryable);
  const all = retryable.length > 0 && retryable.every((e) => selected.has(e.id));
  const toggle = (id: string) => {
    const next = new Set(selected);
    if (next.has(id)) next.delete(id);
    else next.add(id);
    onSelect(next);
  };
  return (
    <table className="c-table" aria-label="Emails">
      <thead>
        <tr>
          <th className="c-check">
            <input
              type="checkbox"
              aria-label="Select all undelivered"
              disabled={retryable.length === 0}
              checked={all}
              onChange={() => onSelect(all ? new Set() : new Set(retryable.map((e) => e.id)))}
            />
          </th>
          <th>Contact</th>
          <th>Subject</th>
          <th>Status</th>
          <th>Why</th>
          <th>When</th>
        </tr>
      </thead>
      <tbody ref={cursor?.body}>
        {emails.map((e, i) => {
          const c = people.data?.get(e.contactId);
          return (
            <tr
              key={e.id}
              data-selected={selected.has(e.id) ? '' : undefined}
              data-console-email={c?.email ?? e.contactId}
              data-status={e.status}
              {...cursor?.rowProps(i)}
            >
              <td className="c-check">
                {isRetryable(e) && (
                  <input
                    type="checkbox"
                    aria-label={`Select email to ${contactName(c)}`}
                    checked={selected.has(e.id)}
                    onChange={() => toggle(e.id)}
                  />
                )}
              </td>
              <td>
                <div>
                  <ContactLink id={e.contactId} contact={c} loading={!people.data} />
                </div>
                <div className="s-small s-muted">{c?.email ?? ''}</div>
              </td>
              <td>
                {/* Emails keep the step's subject template; filled in here for the rep to recognise. */}
                {e.subject ? (
                  renderTemplate(e.subject, c ?? {}, { html: false, snippets: {} }).output
                ) : (
                  <span className="s-muted">(no subject)</span>
                )}
              </td>
              <td>
                <Badge tone={STATUS[e.status].tone}>{STATUS[e.status].label}</Badge>
              </td>
              <td>
                <ReasonCell
                  email={e}
                  estimate={waitEstimateWords(
                    e,
                    e.mailboxId ? boxes.data?.get(e.mailboxId) : undefined,
                    positions.get(e.id),
                    now,
                  )}
                />
              </td>
              <td className="s-small">{sendTimeWords(e, now)}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
