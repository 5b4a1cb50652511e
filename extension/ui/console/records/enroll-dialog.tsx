import { useState } from 'react';
import type { Contact } from '../../../../shared/schemas/contact';
import type { EnrollResult } from '../../../../shared/schemas/enrollment';
import { renderTemplate } from '../../../../shared/template/render';
import { encodeParams } from '../../../lib/api/api-core';
import type { ConsoleApi } from '../api-client';
import { enrollResultSchema, mailboxPageSchema, type SequenceView, sequencePageSchema } from '../api-schemas';
import { useAction, useConsole, useLoad } from '../console-context';
import { contactName } from '../contact-directory';
import { EnrollOutcome, groupOutcome } from '../contacts/enroll-outcome';
import { MailboxCheckboxes } from '../contacts/mailbox-checkboxes';
import { plural } from '../format';
import { fetchAll } from '../paginate';
import { Dialog } from '../ui/dialog';
import { Field } from '../ui/field';
import { ProblemNotice } from '../ui/notices';

const PREVIEWS = 3;

/** Enrolls in chunks of the API's 10,000; `dryRun` decides without writing. */
async function enrollChunks(
  api: ConsoleApi,
  sequenceId: string,
  ids: readonly string[],
  o: { mailboxIds: string[]; skipValidation?: boolean; dryRun?: boolean },
): Promise<EnrollResult> {
  const total: Required<Pick<EnrollResult, 'missingVariables' | 'notices'>> & EnrollResult = {
    enrollments: [],
    warnings: [],
    rejected: [],
    missingVariables: [],
    notices: [],
  };
  for (let i = 0; i < ids.length; i += 10_000) {
    const r = await api.call(
      (s) =>
        s.api.sequences[':id'].enrollments.$post({
          param: encodeParams({ id: sequenceId }),
          json: {
            contactIds: ids.slice(i, i + 10_000),
            ...(o.mailboxIds.length ? { mailboxIds: o.mailboxIds } : {}),
            ...(o.skipValidation ? { skipValidation: true } : {}),
            ...(o.dryRun ? { dryRun: true } : {}),
          },
        }),
      enrollResultSchema,
    );
    total.enrollments.push(...r.enrollments);
    total.warnings.push(...r.warnings);
    total.rejected.push(...r.rejected);
    total.missingVariables.push(...(r.missingVariables ?? []));
    total.notices.push(...(r.notices ?? []));
  }
  return total;
}

/** The first email as each of a few contacts would get it, gaps left visible. */
function FirstEmailPreview(props: { sequence: SequenceView; contacts: Contact[]; sender: string }) {
  const step = props.sequence.steps.find((s) => s.type === 'auto_email' || s.type === 'manual_email');
  if (!step)
    return <p className="s-small s-muted">This sequence sends no email, so there is nothing to preview.</p>;
  return (
    <div data-console-enroll-preview="">
      <h3>First email, as {plural(props.contacts.length, 'contact')} would get it</h3>
      {props.contacts.map((c) => {
        const ctx = { ...c, sender: { name: props.sender } };
        const subject = renderTemplate(step.subject ?? '', ctx, { html: false, snippets: {} });
        const body = renderTemplate(step.body ?? '', ctx, { html: false, snippets: {} });
        const missing = [...new Set([...subject.missingVariables, ...body.missingVariables])];
        return (
          <div
            key={c.id}
            className="c-preview-card"
            style={{ border: '1px solid #ccd', padding: 8, margin: '6px 0' }}
          >
            <div className="s-small s-muted">To {contactName(c)}</div>
            <div>
              <strong>{subject.output || '(no subject)'}</strong>
            </div>
            <div className="s-small" style={{ whiteSpace: 'pre-wrap', maxHeight: 120, overflow: 'auto' }}>
              {body.output}
            </div>
            {missing.length > 0 && (
              <p className="s-warn s-small">
                No value for {missing.join(', ')}: this email would not be sent.
              </p>
            )}
          </div>
        );
      })}
    </div>
  );
}

function Check(props: {
  sequence: SequenceView;
  ids: readonly string[];
  result: EnrollResult;
  contacts: Map<string, Contact>;
}) {
  const { result, contacts } = props;
  const rejected = new Map(result.rejected.map((r) => [r.contactId, r.code]));
  const ready = props.ids.filter((id) => !rejected.has(id)).length;
  const already = result.rejected.filter((r) => r.code === 'already_in_sequence').length;
  const { rejected: groups } = groupOutcome(result);
  return (
    <div data-console-enroll-check="">
      <p className="s-info" role="status">
        {plural(ready, 'contact')} ready to enroll in {props.sequence.name}.
        {already > 0 &&
          ` ${plural(already, 'contact is', 'contacts are')} already in this sequence and will be left as they are.`}
      </p>
      {groups.length > 0 && (
        <ul className="s-list">
          {groups.map((g) => (
            <li key={g.code} className="s-reason" data-console-enroll-warning={g.code}>
              <strong>
                {g.label} ({g.contactIds.length})
              </strong>{' '}
              {g.message} {g.resolution && <span className="s-muted">{g.resolution}</span>}
              {g.code === 'missing_dynamic_variable' && (
                <ul className="s-small">
                  {(result.missingVariables ?? []).slice(0, 10).map((m) => (
                    <li key={m.contactId}>
                      <a href={`#contacts/${encodeURIComponent(m.contactId)}`}>
                        {contactName(contacts.get(m.contactId))}
                      </a>
                      : no {m.names.join(', ')}
                    </li>
                  ))}
                </ul>
              )}
            </li>
          ))}
        </ul>
      )}
      {(result.notices ?? []).map((n) => (
        <p key={n.mailboxId} className="s-warn" data-console-enroll-spread={n.mailboxId}>
          {n.address} sends about {plural(n.perDay, 'email')} a sending day
          {n.queued > 0 ? ` and has ${plural(n.queued, 'email')} waiting already` : ''}, so these{' '}
          {plural(n.adding, 'first email')} will go out over about {plural(n.days, 'sending day')}. Add a
          mailbox to rotate, or raise its limits, to go faster.
        </p>
      ))}
    </div>
  );
}

/**
 * Enrolls chosen contacts in a sequence the rep picks: it first checks (a dry run) and shows who is
 * ready, who is already in, what warns and why, and the first email for a few of them; only then
 * enrolls.
 */
export function EnrollContactsDialog(props: {
  contactIds: readonly string[];
  onClose(): void;
  onEnrolled(message: string): void;
}) {
  const { api, contacts } = useConsole();
  const sequences = useLoad(
    ({ api }) => fetchAll(api, (s, q) => s.api.sequences.$get({ query: q }), sequencePageSchema),
    [],
  );
  const mailboxes = useLoad(
    ({ api }) => api.call((s) => s.api.mailboxes.$get({ query: { limit: 100 } }), mailboxPageSchema),
    [],
  );
  const [sequenceId, setSequenceId] = useState('');
  const [mailboxIds, setMailboxIds] = useState<string[]>([]);
  const [check, setCheck] = useState<{ result: EnrollResult; people: Map<string, Contact> } | null>(null);
  const [done, setDone] = useState<EnrollResult | null>(null);
  const action = useAction();
  const sequence = sequences.data?.find((s) => s.id === sequenceId);
  const live = sequences.data?.filter((s) => !('archivedAt' in s && s.archivedAt)) ?? [];

  const runCheck = () =>
    action.run(async () => {
      if (!sequence) return;
      const result = await enrollChunks(api, sequence.id, props.contactIds, { mailboxIds, dryRun: true });
      const sample = props.contactIds.slice(0, 200);
      const named = [...new Set([...sample, ...(result.missingVariables ?? []).map((m) => m.contactId)])];
      setCheck({ result, people: await contacts.many(named) });
    });
  const runEnroll = (skipValidation: boolean) =>
    action.run(async () => {
      if (!sequence) return;
      const r = await enrollChunks(api, sequence.id, props.contactIds, { mailboxIds, skipValidation });
      setDone(r);
      props.onEnrolled(`${plural(r.enrollments.length, 'contact')} enrolled in ${sequence.name}.`);
    });

  const warned = check ? groupOutcome(check.result).rejected.filter((g) => g.overridable) : [];
  const ready = check
    ? props.contactIds.length - new Set(check.result.rejected.map((r) => r.contactId)).size
    : 0;
  const previewPeople = check
    ? props.contactIds
        .filter(
          (id) => !check.result.rejected.some((r) => r.contactId === id && r.code === 'already_in_sequence'),
        )
        .slice(0, PREVIEWS)
        .flatMap((id) => check.people.get(id) ?? [])
    : [];

  return (
    <Dialog
      wide
      title={`Enroll ${plural(props.contactIds.length, 'contact')}`}
      onClose={props.onClose}
      busy={action.busy}
      {...(done
        ? {}
        : check
          ? {
              onSubmit: () => void runEnroll(false),
              submitLabel: `Enroll ${plural(ready, 'contact')}`,
              submitDisabled: ready === 0,
            }
          : {
              onSubmit: () => void runCheck(),
              submitLabel: 'Check before enrolling',
              submitDisabled: !sequence,
            })}
      extraActions={
        check &&
        !done &&
        warned.length > 0 && (
          <button type="button" className="s-btn" disabled={action.busy} onClick={() => void runEnroll(true)}>
            Enroll with warnings too ({warned.reduce((n, g) => n + g.contactIds.length, 0)})
          </button>
        )
      }
    >
      {done ? (
        <EnrollOutcome result={done} />
      ) : (
        <>
          <Field label="Sequence">
            <select
              className="s-input"
              value={sequenceId}
              data-autofocus=""
              onChange={(e) => {
                setSequenceId(e.target.value);
                setCheck(null);
              }}
            >
              <option value="">Choose a sequence…</option>
              {live.map((s) => (
                <option key={s.id} value={s.id}>
                  {s.name}
                  {s.active ? '' : ' (not active)'}
                </option>
              ))}
            </select>
          </Field>
          <fieldset className="s-row" style={{ border: 0, padding: 0 }}>
            <legend className="s-small">Send from (several rotate; none uses your own mailboxes)</legend>
            <MailboxCheckboxes
              mailboxes={mailboxes.data?.items}
              selected={mailboxIds}
              onChange={(next) => {
                setCheck(null);
                setMailboxIds(next);
              }}
            />
          </fieldset>
          {check && sequence && (
            <>
              <Check
                sequence={sequence}
                ids={props.contactIds}
                result={check.result}
                contacts={check.people}
              />
              <FirstEmailPreview sequence={sequence} contacts={previewPeople} sender="you" />
            </>
          )}
        </>
      )}
      <ProblemNotice problem={sequences.error ?? action.error} />
    </Dialog>
  );
}
