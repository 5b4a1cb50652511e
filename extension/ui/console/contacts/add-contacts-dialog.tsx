import { useState } from 'react';
import type { Contact } from '../../../../shared/schemas/contact';
import type { EnrollResult } from '../../../../shared/schemas/enrollment';
import { encodeParams } from '../../../lib/api/api-core';
import type { ConsoleApi } from '../api-client';
import { enrollResultSchema, mailboxPageSchema, type SequenceView } from '../api-schemas';
import { useAction, useConsole, useLoad } from '../console-context';
import { localInputToIso, plural } from '../format';
import { Dialog } from '../ui/dialog';
import { ProblemNotice } from '../ui/notices';
import { Tabs } from '../ui/tabs';
import { CsvSource, idsForEmails, ListSource, listMemberIds, SearchSource } from './contact-sources';
import { EnrollOutcome, groupOutcome } from './enroll-outcome';
import { MailboxCheckboxes } from './mailbox-checkboxes';

type Source = 'search' | 'list' | 'csv';
const SOURCES: Array<{ id: Source; label: string }> = [
  { id: 'search', label: 'Search' },
  { id: 'list', label: 'From a list' },
  { id: 'csv', label: 'From a CSV file' },
];

export interface EnrollOptions {
  mailboxIds: string[];
  skipValidation: boolean;
  startAt?: string | undefined;
}

/** The API takes at most 10,000 contacts per call; bigger lists go in several and are summed. */
export async function enroll(api: ConsoleApi, sequenceId: string, ids: readonly string[], o: EnrollOptions) {
  const total: EnrollResult = { enrollments: [], warnings: [], rejected: [] };
  for (let i = 0; i < ids.length; i += 10_000) {
    const r = await api.call(
      (s) =>
        s.api.sequences[':id'].enrollments.$post({
          param: encodeParams({ id: sequenceId }),
          json: {
            contactIds: ids.slice(i, i + 10_000),
            ...(o.mailboxIds.length ? { mailboxIds: o.mailboxIds } : {}),
            ...(o.skipValidation ? { skipValidation: true } : {}),
            ...(o.startAt ? { startAt: o.startAt } : {}),
          },
        }),
      enrollResultSchema,
    );
    total.enrollments.push(...r.enrollments);
    total.warnings.push(...r.warnings);
    total.rejected.push(...r.rejected);
  }
  return total;
}

export function AddContactsDialog(props: {
  sequence: SequenceView;
  onClose(): void;
  onEnrolled(message: string): void;
}) {
  const { api } = useConsole();
  const [source, setSource] = useState<Source>('search');
  const [chosen, setChosen] = useState(new Map<string, Contact>());
  const [listId, setListId] = useState('');
  const [csvEmails, setCsvEmails] = useState<string[] | null>(null);
  const [mailboxIds, setMailboxIds] = useState<string[]>([]);
  const [skipValidation, setSkip] = useState(false);
  const [startAt, setStartAt] = useState('');
  const [result, setResult] = useState<EnrollResult | null>(null);
  const mailboxes = useLoad(
    ({ api }) => api.call((s) => s.api.mailboxes.$get({ query: { limit: 100 } }), mailboxPageSchema),
    [],
  );
  const action = useAction();

  const ready = source === 'search' ? chosen.size > 0 : source === 'list' ? !!listId : !!csvEmails?.length;
  const options = (): EnrollOptions => ({ mailboxIds, skipValidation, startAt: localInputToIso(startAt) });

  const submit = (ids?: string[], override?: Partial<EnrollOptions>) =>
    action.run(async () => {
      const contactIds =
        ids ??
        (source === 'search'
          ? [...chosen.keys()]
          : source === 'list'
            ? await listMemberIds(api, listId)
            : await idsForEmails(api, csvEmails ?? []));
      if (contactIds.length === 0) {
        setResult({ enrollments: [], warnings: [], rejected: [] });
        return;
      }
      const r = await enroll(api, props.sequence.id, contactIds, { ...options(), ...override });
      setResult(r);
      if (r.enrollments.length)
        props.onEnrolled(`${plural(r.enrollments.length, 'contact')} added to ${props.sequence.name}.`);
    });

  const overridable = result
    ? groupOutcome(result)
        .rejected.filter((g) => g.overridable)
        .flatMap((g) => g.contactIds)
    : [];

  return (
    <Dialog
      wide
      title={`Add contacts to ${props.sequence.name}`}
      onClose={props.onClose}
      onSubmit={result ? undefined : () => void submit()}
      submitLabel="Add contacts"
      submitDisabled={!ready}
      busy={action.busy}
      extraActions={
        overridable.length > 0 && (
          <button
            type="button"
            className="s-btn"
            disabled={action.busy}
            onClick={() => void submit(overridable, { skipValidation: true })}
          >
            Enroll anyway ({overridable.length})
          </button>
        )
      }
    >
      {result ? (
        <EnrollOutcome result={result} />
      ) : (
        <>
          <Tabs label="Where the contacts come from" items={SOURCES} value={source} onChange={setSource} />
          {source === 'search' && <SearchSource chosen={chosen} onChange={setChosen} />}
          {source === 'list' && <ListSource listId={listId} onChange={setListId} />}
          {source === 'csv' && <CsvSource onImported={setCsvEmails} />}
          {source === 'csv' && csvEmails && (
            <p className="s-info">{plural(csvEmails.length, 'imported contact')} ready to add.</p>
          )}
          <h3>Send from</h3>
          {mailboxes.data?.items.length === 0 && (
            <p className="s-warn s-small">
              You have no mailbox yet: email steps will be held until you link one (Mailboxes tab).
            </p>
          )}
          <div className="s-row">
            <MailboxCheckboxes
              mailboxes={mailboxes.data?.items}
              selected={mailboxIds}
              onChange={setMailboxIds}
            />
          </div>
          <p className="s-small s-muted">
            Tick several to rotate sends between them; none ticked uses your own mailboxes.
          </p>
          <label className="s-small" style={{ display: 'block' }}>
            <input type="checkbox" checked={skipValidation} onChange={(e) => setSkip(e.target.checked)} />{' '}
            Skip contact validation (not recommended: warnings such as “already in another sequence” are not
            shown)
          </label>
          <div className="s-row" style={{ marginTop: 6 }}>
            <label htmlFor="c-add-start" className="s-small">
              Start on (optional)
            </label>
            <input
              id="c-add-start"
              className="s-input"
              type="datetime-local"
              value={startAt}
              onChange={(e) => setStartAt(e.target.value)}
            />
          </div>
        </>
      )}
      <ProblemNotice problem={action.error} />
    </Dialog>
  );
}
