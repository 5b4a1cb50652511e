import { useState } from 'react';
import type { ProviderName } from '../../../../shared/schemas/mailbox';
import type { ApiProblem } from '../../../lib/api/api-problem';
import { authorizeSchema, mailboxDtoSchema } from '../api-schemas';
import { useAction, useConsole } from '../console-context';
import { Dialog } from '../ui/dialog';
import { Field } from '../ui/field';
import { ProblemNotice } from '../ui/notices';
import {
  emptyMailboxForm,
  linkBody,
  type MailboxForm,
  mailboxFormProblems,
  PROVIDERS,
  proposedGap,
} from './mailbox-form';
import { AliasesField, PacingFields, SendingFields, SettingsFields } from './settings-fields';

/** The server's per-field 400 details, keyed like the form's own problems. */
export function serverFieldErrors(problem: ApiProblem | undefined): Record<string, string> {
  return Object.fromEntries((problem?.fields ?? []).map((f) => [f.path, f.message]));
}

const OAUTH: Partial<Record<ProviderName, { path: 'google' | 'microsoft'; label: string }>> = {
  gmail: { path: 'google', label: 'Sign in with Google' },
  outlook: { path: 'microsoft', label: 'Sign in with Microsoft' },
};

export function LinkMailboxDialog(props: { onClose(): void; onLinked(message: string): void }) {
  const { api } = useConsole();
  const [form, setForm] = useState<MailboxForm>(emptyMailboxForm());
  const [tried, setTried] = useState(false);
  const [manual, setManual] = useState(false);
  const [waitingForOAuth, setWaiting] = useState(false);
  const action = useAction();
  const oauth = OAUTH[form.provider];
  const usesForm = !oauth || manual;
  const local = mailboxFormProblems(form, usesForm);
  const errors = { ...(tried ? local : {}), ...serverFieldErrors(action.error) };
  const set = (patch: Partial<MailboxForm>) => {
    setForm((f) => ({ ...f, ...patch }));
    action.clear();
  };

  const signIn = () =>
    action.run(async () => {
      if (!oauth) return;
      const loginHint = form.address.trim() || undefined;
      const { url } = await api.call(
        (s) =>
          s.api.oauth[':provider'].authorize.$get({ param: { provider: oauth.path }, query: { loginHint } }),
        authorizeSchema,
      );
      window.open(url, '_blank', 'noopener');
      setWaiting(true);
    });

  const link = () => {
    setTried(true);
    if (Object.keys(local).length > 0) return;
    void action.run(async () => {
      const box = await api.call((s) => s.api.mailboxes.$post({ json: linkBody(form) }), mailboxDtoSchema);
      props.onLinked(
        `${box.address} is linked${box.status === 'inactive' ? `, but inactive: ${box.inactiveReason ?? 'not connected'}` : ''}.`,
      );
    });
  };

  return (
    <Dialog
      wide
      title="Link a mailbox"
      submitLabel="Link mailbox"
      busy={action.busy}
      onClose={props.onClose}
      onSubmit={usesForm ? link : undefined}
    >
      <fieldset className="c-chips" style={{ border: 0, padding: 0, margin: '0 0 10px' }}>
        <legend className="s-small s-muted" style={{ marginBottom: 4 }}>
          Provider
        </legend>
        {PROVIDERS.map((p) => (
          <label key={p.value} className="c-chip" data-checked={form.provider === p.value ? '' : undefined}>
            <input
              type="radio"
              name="provider"
              className="c-sr"
              value={p.value}
              checked={form.provider === p.value}
              onChange={() => {
                set({
                  provider: p.value,
                  port: p.value === 'smtp' ? form.port : '587',
                  // The proposal follows the provider unless someone typed their own gap.
                  ...(form.minGapSeconds === proposedGap(form.provider) && {
                    minGapSeconds: proposedGap(p.value),
                  }),
                });
                setManual(false);
                setTried(false);
              }}
            />
            {p.label}
          </label>
        ))}
      </fieldset>
      <p className="s-small s-muted">{PROVIDERS.find((p) => p.value === form.provider)?.hint}</p>
      <Field label="Email address" error={errors.address}>
        <input
          className="s-input"
          type="email"
          value={form.address}
          onChange={(e) => set({ address: e.target.value })}
        />
      </Field>
      {oauth && !manual && (
        <div className="c-toolbar">
          <button
            type="button"
            className="s-btn"
            data-primary=""
            disabled={action.busy}
            onClick={() => void signIn()}
          >
            {oauth.label}
          </button>
          <button type="button" className="c-link s-small" onClick={() => setManual(true)}>
            Use an access token instead
          </button>
        </div>
      )}
      {waitingForOAuth && !manual && (
        <p className="s-info s-small">
          Finish signing in in the tab that opened. The mailbox is linked when you come back.{' '}
          <button type="button" className="c-link" onClick={() => props.onLinked('Mailboxes refreshed.')}>
            I've finished
          </button>
        </p>
      )}
      {usesForm && (
        <>
          <SettingsFields form={form} errors={errors} set={set} />
          <AliasesField form={form} errors={errors} set={set} />
          <SendingFields form={form} errors={errors} set={set} />
          <PacingFields form={form} errors={errors} set={set} />
        </>
      )}
      <ProblemNotice problem={action.error} />
    </Dialog>
  );
}
