import { useRef } from 'react';
import type { StrideClient } from '../../lib/stride-client';
import { ProblemNotice } from '../problem-notice';
import { ContactCard } from './contact-card';
import { CreateContact } from './create-contact';
import { EnrollForm } from './enroll-form';
import { EnrollmentRow } from './enrollment-row';
import { useContact } from './use-contact';
import { useEnrollmentActions } from './use-enrollment-actions';

const ENDED = new Set(['finished', 'removed']);

/** The side panel for the other party of the open thread. */
export function ContactPanel(props: { client: StrideClient; email: string; name?: string; notice?: string }) {
  const { client, email, name, notice } = props;
  const { data, error, loading, reload, patch } = useContact(client, email);
  const actions = useEnrollmentActions(client, patch);
  const contact = data?.contact ?? null;
  const root = useRef<HTMLDivElement>(null);
  /*
   * Runs an action and gives keyboard focus back to the control that acted; when the action replaced
   * it (Pause became Resume), to the first control of its row, else to the panel's heading.
   */
  const keepFocus = async (run: () => Promise<void>) => {
    const el = root.current;
    const scope = el?.getRootNode() as Document | ShadowRoot | undefined;
    const from = scope?.activeElement as HTMLButtonElement | null | undefined;
    const row = from?.closest('li');
    await run();
    setTimeout(() => {
      const doc = el?.ownerDocument;
      // Focus that moved on (the rep clicked into the mail) stays where it went.
      if (!el || (doc?.activeElement && doc.activeElement !== doc.body)) return;
      const target = [
        from,
        row?.querySelector<HTMLElement>('button:enabled'),
        el.querySelector<HTMLElement>('h2'),
      ].find((t) => t?.isConnected && !(t as HTMLButtonElement).disabled);
      target?.focus();
    }, 0);
  };
  const state = data ? 'ready' : error ? 'error' : 'loading';
  const enrollments = data
    ? actions
        .shown(data.enrollments)
        .sort((a, b) => Number(ENDED.has(a.status)) - Number(ENDED.has(b.status)))
    : [];

  return (
    <div
      className="s-root"
      data-stride="contact-panel"
      data-stride-state={state}
      data-stride-source={data?.source}
      data-stride-email={email}
      aria-busy={loading || undefined}
      ref={root}
    >
      <div className="s-sr" aria-live="polite" data-stride-announce="">
        {actions.done}
      </div>
      {notice && (
        <div className="s-warn s-small" role="status" data-stride-unreadable="">
          {notice}
        </div>
      )}
      {error && <ProblemNotice error={error} client={client} onRetry={reload} />}
      {error && data && (
        <div className="s-small s-muted" data-stride-stale="">
          Showing what Stride saved earlier.
        </div>
      )}
      {!data && !error && <div className="s-muted">Looking up {email}…</div>}
      {data && !contact && (
        <CreateContact
          client={client}
          email={email}
          {...(name ? { name } : {})}
          onCreated={(created) => patch((d) => ({ ...d, contact: created, enrollments: [] }))}
        />
      )}
      {contact && (
        <>
          <ContactCard contact={contact} lastClick={data?.lastClick} />
          <button
            type="button"
            className="s-btn s-small"
            data-stride-open-console=""
            onClick={() =>
              void client.request({
                type: 'options.open',
                hash: `#contacts/${encodeURIComponent(contact.id)}`,
              })
            }
          >
            Open in console
          </button>
          {actions.failure && (
            <div className="s-alert s-small" role="alert" data-stride-failure="">
              {actions.failure}
            </div>
          )}
          <h3>Sequences</h3>
          {enrollments.length === 0 && <div className="s-small s-muted">Not in any sequence.</div>}
          <ul className="s-list" aria-label="Enrollments">
            {enrollments.map((e) => (
              <EnrollmentRow
                key={e.id}
                enrollment={e}
                pending={actions.pending.has(e.id)}
                onAction={(action) => void keepFocus(() => actions.act(e, action))}
              />
            ))}
          </ul>
          <h3>Enroll</h3>
          <EnrollForm
            client={client}
            lastUsedSequenceId={data?.lastUsedSequenceId ?? null}
            busy={actions.pending.size > 0}
            warnings={actions.warnings}
            onDismissWarnings={actions.dismissWarnings}
            onEnroll={(sequenceId, sequenceName, skip) =>
              void keepFocus(() => actions.enroll(contact.id, sequenceId, sequenceName, skip))
            }
          />
        </>
      )}
    </div>
  );
}
