import { useRef, useState } from 'react';
import { encodeParams } from '../../../lib/api/api-core';
import { STATUS_LABEL, STATUS_TONE } from '../../labels';
import { contactSchema, emailPageSchema, enrollmentPageSchema, sequencePageSchema } from '../api-schemas';
import { useLoad } from '../console-context';
import { contactName } from '../contact-directory';
import { EmailTable } from '../emails/email-table';
import { fetchAll } from '../paginate';
import { goToShortcuts, ShortcutHelp } from '../shortcuts';
import { Badge } from '../ui/badge';
import { Loading, ProblemNotice } from '../ui/notices';
import { ContactForm } from './contact-form';
import { ContactTimeline } from './contact-timeline';
import { EnrollContactsDialog } from './enroll-dialog';

/** One contact as a record: their details (editable), sequences, emails and history. */
export function ContactPage(props: { id: string }) {
  const contact = useLoad(
    ({ api }) =>
      api.call((s) => s.api.contacts[':id'].$get({ param: encodeParams({ id: props.id }) }), contactSchema),
    [props.id],
  );
  const enrollments = useLoad(
    ({ api }) =>
      fetchAll(
        api,
        (s, q) => s.api.enrollments.$get({ query: { ...q, contactId: props.id } }),
        enrollmentPageSchema,
      ),
    [props.id],
    { live: true },
  );
  const emails = useLoad(
    ({ api }) =>
      api.call((s) => s.api.emails.$get({ query: { contactId: props.id, limit: 50 } }), emailPageSchema),
    [props.id],
    { live: true },
  );
  const sequences = useLoad(
    async ({ api }) =>
      new Map(
        (await fetchAll(api, (s, q) => s.api.sequences.$get({ query: q }), sequencePageSchema)).map((s) => [
          s.id,
          s,
        ]),
      ),
    [],
  );
  const form = useRef<HTMLDivElement>(null);
  const [enrolling, setEnrolling] = useState(false);
  const [outcome, setOutcome] = useState<string | null>(null);
  const toForm = () => {
    form.current?.scrollIntoView?.();
    form.current?.querySelector<HTMLElement>('input, select, textarea')?.focus();
  };
  if (contact.error)
    return (
      <div className="c-screen" data-console-screen="contact">
        <p>
          <a href="#contacts">Back to contacts</a>
        </p>
        <ProblemNotice problem={contact.error} onRetry={contact.reload} />
      </div>
    );
  if (!contact.data) return <Loading what="the contact" />;
  const c = contact.data;
  return (
    <div className="c-screen" data-console-screen="contact" data-console-contact-id={c.id}>
      <div className="c-toolbar">
        <a href="#contacts">Back to contacts</a>
        <ShortcutHelp
          title="Contact"
          shortcuts={[
            { keys: 'f', label: 'Edit the contact’s fields', run: toForm },
            {
              keys: 'b',
              label: 'Back to contacts',
              run: () => {
                window.location.hash = '#contacts';
              },
            },
            ...goToShortcuts,
          ]}
        />
      </div>
      <h3>
        {contactName(c)} {c.unsubscribed && <Badge tone="bad">Unsubscribed</Badge>}{' '}
        {c.bounced && <Badge tone="bad">Bounced</Badge>}
      </h3>
      <div ref={form}>
        <ContactForm key={c.id} contact={c} onSaved={() => contact.reload()} />
      </div>
      <section aria-labelledby="c-contact-seqs">
        <h3 id="c-contact-seqs">Sequences</h3>
        <ProblemNotice problem={enrollments.error} onRetry={enrollments.reload} />
        {outcome && (
          <p className="s-info" role="status" data-console-outcome="">
            {outcome}
          </p>
        )}
        {/* Not in a sequence is where a contact's work starts, so the way in is right here. */}
        {enrollments.data?.length === 0 && (
          <p className="s-muted">
            Not in any sequence.{' '}
            <button type="button" className="s-btn" onClick={() => setEnrolling(true)}>
              Enroll in a sequence
            </button>
          </p>
        )}
        {enrolling && (
          <EnrollContactsDialog
            contactIds={[c.id]}
            onClose={() => setEnrolling(false)}
            onEnrolled={(message) => {
              setOutcome(message);
              enrollments.reload();
            }}
          />
        )}
        <ul className="s-list">
          {enrollments.data?.map((e) => (
            <li key={e.id}>
              <a href={`#sequences/${encodeURIComponent(e.sequenceId)}/contacts`}>
                {sequences.data?.get(e.sequenceId)?.name ?? 'A sequence'}
              </a>{' '}
              <Badge tone={STATUS_TONE[e.status]}>{STATUS_LABEL[e.status]}</Badge>{' '}
              <span className="s-small s-muted">step {e.currentStep}</span>
            </li>
          ))}
        </ul>
      </section>
      <section aria-labelledby="c-contact-emails">
        <h3 id="c-contact-emails">Emails</h3>
        <ProblemNotice problem={emails.error} onRetry={emails.reload} />
        {emails.data?.items.length === 0 && <p className="s-muted">No email yet.</p>}
        {emails.data && emails.data.items.length > 0 && (
          <EmailTable emails={emails.data.items} selected={new Set()} onSelect={() => {}} />
        )}
      </section>
      <ContactTimeline contactId={c.id} onFix={toForm} />
    </div>
  );
}
