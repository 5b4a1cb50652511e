import { useRef, useState } from 'react';
import type { Email } from '../../../../shared/schemas/email';
import type { NotSentCode } from '../../../../shared/schemas/not-sent-code';
import { notSentCatalog } from '../../../../shared/send-guard/catalog';
import { emailPageSchema, sequencePageSchema } from '../api-schemas';
import { useLoad } from '../console-context';
import { fetchAll } from '../paginate';
import { contactHref } from '../records/contact-link';
import { useRowCursor } from '../row-cursor';
import { goToShortcuts, ShortcutHelp } from '../shortcuts';
import { ChipGroup } from '../ui/chips';
import { BusyLine, EmptyState, Loading, ProblemNotice } from '../ui/notices';
import { offKeepsFocus } from '../ui/off-keeps-focus';
import { OwnerPicker } from '../ui/owner-picker';
import {
  EMAIL_STATUSES,
  type EmailFilter,
  emailQuery,
  emptyEmailFilter,
  isRetryable,
  REASON_GROUPS,
  withReason,
  withStatus,
} from './email-filters';
import { EmailTable } from './email-table';
import { RetryDialog } from './retry-dialog';

const PAGE = 100;

/** Every email of the rep's sequences, filterable by status and not-sent reason, with retry. */
export function EmailsScreen() {
  const [filter, setFilter] = useState<EmailFilter>(emptyEmailFilter);
  const [pages, setPages] = useState(1);
  const [owner, setOwner] = useState('');
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  // What "Retry" acts on: the ticked emails, or the one row `r` was pressed on.
  const [retrying, setRetrying] = useState<Email[] | null>(null);
  const filters = useRef<HTMLSelectElement>(null);
  const [outcome, setOutcome] = useState<string | null>(null);
  const sequences = useLoad(
    ({ api }) => fetchAll(api, (s, query) => s.api.sequences.$get({ query }), sequencePageSchema),
    [],
  );
  const emails = useLoad(
    async ({ api }) => {
      const items: Email[] = [];
      let cursor: string | undefined;
      for (let i = 0; i < pages; i++) {
        const page = await api.call(
          (s) =>
            s.api.emails.$get({
              query: { ...emailQuery(filter), ownerId: owner || undefined, limit: PAGE, cursor },
            }),
          emailPageSchema,
        );
        items.push(...page.items);
        cursor = page.nextCursor;
        if (!cursor) break;
      }
      return { items, more: !!cursor };
    },
    [filter.status, filter.reason, filter.sequenceId, owner, pages],
    { live: true },
  );
  const items = emails.data?.items ?? [];
  const chosen = items.filter((e) => selected.has(e.id) && isRetryable(e));
  const cursor = useRowCursor(items.length);
  const currentEmail = items[cursor.at];
  const shortcuts = [
    { keys: 'j', label: 'Next email', run: () => cursor.focusRow(cursor.at + 1) },
    { keys: 'k', label: 'Previous email', run: () => cursor.focusRow(cursor.at - 1) },
    {
      keys: 'Enter',
      label: 'Open the current email’s contact',
      run: () => {
        if (currentEmail) window.location.hash = contactHref(currentEmail.contactId);
      },
    },
    {
      keys: 'r',
      label: 'Retry the current email when it was not sent',
      run: () => {
        if (!currentEmail) return;
        if (isRetryable(currentEmail)) setRetrying([currentEmail]);
        else
          setOutcome('The current email is not waiting for a retry: only undelivered emails can be retried.');
      },
    },
    { keys: '/', label: 'Go to the filters (sequence, status, reason)', run: () => filters.current?.focus() },
    ...goToShortcuts,
  ];
  const change = (f: EmailFilter) => {
    setFilter(f);
    setPages(1);
    setSelected(new Set());
  };

  return (
    <div className="c-screen" data-console-screen="emails" aria-busy={emails.loading}>
      <div className="c-toolbar" data-console-email-filters="">
        <select
          ref={filters}
          className="s-input"
          aria-label="Sequence"
          value={filter.sequenceId}
          onChange={(e) => change({ ...filter, sequenceId: e.target.value })}
        >
          <option value="">All sequences</option>
          {sequences.data?.map((s) => (
            <option key={s.id} value={s.id}>
              {s.name}
            </option>
          ))}
        </select>
        <OwnerPicker
          label="Contact owner"
          value={owner}
          onChange={(o) => {
            setOwner(o);
            setPages(1);
            setSelected(new Set());
          }}
        />
        <ChipGroup
          label="Filter by status"
          items={EMAIL_STATUSES}
          value={filter.status}
          onChange={(status) => change(withStatus(filter, status))}
        />
        <select
          className="s-input"
          aria-label="Not-sent reason"
          value={filter.reason}
          onChange={(e) => change(withReason(filter, e.target.value as EmailFilter['reason']))}
        >
          <option value="all">Any not-sent reason</option>
          {REASON_GROUPS.map((g) => (
            <optgroup key={g.label} label={g.label}>
              {g.codes.map((c: NotSentCode) => (
                <option key={c} value={c}>
                  {notSentCatalog[c].label}
                </option>
              ))}
            </optgroup>
          ))}
        </select>
        <button type="button" className="s-btn" onClick={emails.reload}>
          Refresh
        </button>
        <BusyLine busy={emails.loading && !!emails.data} />
        <span className="c-grow" />
        <button
          type="button"
          className="s-btn"
          data-primary=""
          {...offKeepsFocus(chosen.length === 0, () => setRetrying(chosen))}
        >
          Retry undelivered{chosen.length ? ` (${chosen.length})` : ''}
        </button>
        <ShortcutHelp title="Emails" shortcuts={shortcuts} />
      </div>
      {filter.reason !== 'all' && (
        <div className="s-info s-small" data-console-reason-help={filter.reason}>
          <strong>{notSentCatalog[filter.reason].label}:</strong> {notSentCatalog[filter.reason].message}{' '}
          <span className="s-muted">{notSentCatalog[filter.reason].resolution}</span>
        </div>
      )}
      {outcome && (
        <p className="s-info" role="status" data-console-outcome="">
          {outcome}
        </p>
      )}
      <ProblemNotice problem={emails.error} onRetry={emails.reload} />
      {!emails.data && !emails.error && <Loading what="emails" />}
      {emails.data && items.length === 0 && (
        <EmptyState title="No emails match">
          {filter.status === 'all' && filter.reason === 'all'
            ? 'Emails appear here once contacts are enrolled in a sequence.'
            : 'Try another status or reason.'}
        </EmptyState>
      )}
      {items.length > 0 && (
        <EmailTable emails={items} selected={selected} onSelect={setSelected} cursor={cursor} />
      )}
      {emails.data?.more && (
        <button type="button" className="s-btn" disabled={emails.loading} onClick={() => setPages(pages + 1)}>
          Load more
        </button>
      )}
      {retrying && (
        <RetryDialog
          emails={retrying}
          onClose={() => setRetrying(null)}
          onDone={(message) => {
            setRetrying(null);
            setOutcome(message);
            setSelected(new Set());
            emails.reload();
          }}
        />
      )}
    </div>
  );
}
