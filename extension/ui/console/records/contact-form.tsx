import { useState } from 'react';
import type { Contact } from '../../../../shared/schemas/contact';
import { encodeParams } from '../../../lib/api/api-core';
import { contactSchema } from '../api-schemas';
import { useAction, useConsole } from '../console-context';
import { useLeaveGuard } from '../hash-route';
import { Field } from '../ui/field';
import { ProblemNotice } from '../ui/notices';

type TextKey =
  | 'firstName'
  | 'lastName'
  | 'email'
  | 'title'
  | 'company'
  | 'stage'
  | 'phone'
  | 'linkedinUrl'
  | 'timezone'
  | 'country'
  | 'personalizedOpener';

const FIELDS: Array<{ key: TextKey; label: string; hint?: string; long?: boolean }> = [
  { key: 'firstName', label: 'First name' },
  { key: 'lastName', label: 'Last name' },
  { key: 'email', label: 'Email' },
  { key: 'title', label: 'Title' },
  { key: 'company', label: 'Company' },
  { key: 'stage', label: 'Stage' },
  { key: 'phone', label: 'Phone' },
  { key: 'linkedinUrl', label: 'LinkedIn profile', hint: 'https://www.linkedin.com/in/name' },
  { key: 'timezone', label: 'Time zone', hint: 'Such as Europe/Berlin; empty uses the sequence’s' },
  { key: 'country', label: 'Country', hint: 'Two letters, such as DE or US' },
  { key: 'personalizedOpener', label: 'Personalized opener', long: true },
];

type Draft = Record<TextKey, string> & {
  emailStatus: Contact['emailStatus'];
  fields: Array<[string, string]>;
};

const draftOf = (c: Contact): Draft => ({
  ...(Object.fromEntries(FIELDS.map((f) => [f.key, c[f.key] ?? ''])) as Record<TextKey, string>),
  emailStatus: c.emailStatus,
  fields: Object.entries(c.fields),
});

/** Only what changed goes to the server; an emptied field is cleared (null). */
function patchOf(c: Contact, d: Draft): Record<string, unknown> {
  const patch: Record<string, unknown> = {};
  for (const f of FIELDS) {
    const before = c[f.key] ?? '';
    const after = d[f.key].trim();
    if (after !== before) patch[f.key] = after === '' ? null : after;
  }
  if (d.emailStatus !== c.emailStatus) patch.emailStatus = d.emailStatus;
  const fields = Object.fromEntries(d.fields.filter(([k]) => k.trim() !== '').map(([k, v]) => [k.trim(), v]));
  if (JSON.stringify(fields) !== JSON.stringify(c.fields)) patch.fields = fields;
  return patch;
}

/** The contact's fields, editable; errors show beside the field the server named. */
export function ContactForm(props: { contact: Contact; onSaved(c: Contact): void }) {
  const { api, contacts } = useConsole();
  const [draft, setDraft] = useState(() => draftOf(props.contact));
  // The version the draft was made from. The form stays mounted across its own save (so "Saved." is
  // announced and focus stays on Save); a newer version from elsewhere replaces an untouched draft.
  const [base, setBase] = useState(props.contact);
  const [saved, setSaved] = useState(false);
  const action = useAction();
  const patch = patchOf(base, draft);
  const dirty = Object.keys(patch).length > 0;
  if (props.contact.updatedAt > base.updatedAt && !dirty) {
    setBase(props.contact);
    setDraft(draftOf(props.contact));
  }
  useLeaveGuard(dirty, 'Leave without saving your edits to this contact?');
  const error = (path: string) => action.error?.fieldMessage(path);
  const set = (key: TextKey, value: string) => {
    setSaved(false);
    setDraft((d) => ({ ...d, [key]: value }));
  };
  const save = () =>
    action.run(async () => {
      const next = await api.call(
        (s) =>
          s.api.contacts[':id'].$patch({
            param: encodeParams({ id: base.id }),
            json: patch as never,
          }),
        contactSchema,
      );
      contacts.remember([next]);
      setBase(next);
      setDraft(draftOf(next));
      setSaved(true);
      props.onSaved(next);
    });
  return (
    <form
      className="c-contact-form"
      aria-label="Contact details"
      onSubmit={(e) => {
        e.preventDefault();
        if (dirty && !action.busy) void save();
      }}
      noValidate
    >
      <div
        className="c-form-grid"
        style={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fill, minmax(220px, 1fr))', gap: 8 }}
      >
        {FIELDS.map((f) => (
          <Field key={f.key} label={f.label} error={error(f.key)} {...(f.hint ? { hint: f.hint } : {})}>
            {f.long ? (
              <textarea
                className="s-input"
                value={draft[f.key]}
                onChange={(e) => set(f.key, e.target.value)}
              />
            ) : (
              <input className="s-input" value={draft[f.key]} onChange={(e) => set(f.key, e.target.value)} />
            )}
          </Field>
        ))}
        <Field label="Email status" error={error('emailStatus')}>
          <select
            className="s-input"
            value={draft.emailStatus}
            onChange={(e) => {
              setSaved(false);
              setDraft((d) => ({ ...d, emailStatus: e.target.value as Contact['emailStatus'] }));
            }}
          >
            <option value="verified">Verified</option>
            <option value="unverified">Not verified</option>
            <option value="invalid">Invalid</option>
          </select>
        </Field>
      </div>
      <fieldset style={{ border: 0, padding: 0 }}>
        <legend>Custom fields</legend>
        {draft.fields.map(([k, v], i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: rows have no id; the name is what is being edited
          <div className="s-row" key={`${i}:${draft.fields.length}`}>
            <input
              className="s-input"
              aria-label={`Custom field ${i + 1} name`}
              value={k}
              onChange={(e) =>
                setDraft((d) => ({
                  ...d,
                  fields: d.fields.map((p, j) => (j === i ? [e.target.value, p[1]] : p)),
                }))
              }
            />
            <input
              className="s-input"
              aria-label={`Custom field ${k || i + 1} value`}
              value={v}
              onChange={(e) =>
                setDraft((d) => ({
                  ...d,
                  fields: d.fields.map((p, j) => (j === i ? [p[0], e.target.value] : p)),
                }))
              }
            />
            <button
              type="button"
              className="s-btn s-small"
              aria-label={`Remove custom field ${k || i + 1}`}
              onClick={() => setDraft((d) => ({ ...d, fields: d.fields.filter((_p, j) => j !== i) }))}
            >
              Remove
            </button>
          </div>
        ))}
        {error('fields') && (
          <span className="c-field-error" role="alert">
            {error('fields')}
          </span>
        )}
        <button
          type="button"
          className="s-btn s-small"
          onClick={() => setDraft((d) => ({ ...d, fields: [...d.fields, ['', '']] }))}
        >
          Add a custom field
        </button>
      </fieldset>
      {action.error && action.error.fields.length === 0 && <ProblemNotice problem={action.error} />}
      {action.error && action.error.fields.length > 0 && (
        <p className="s-alert" role="alert">
          {action.error.message} Nothing was saved; your edits are still here.
        </p>
      )}
      <div className="c-toolbar">
        {/* Off, not disabled: Save keeps focus while it saves and after (the form guards the submit). */}
        <button
          type="submit"
          className="s-btn"
          data-primary=""
          aria-disabled={!dirty || action.busy || undefined}
        >
          {action.busy ? 'Saving…' : 'Save changes'}
        </button>
        <button
          type="button"
          className="s-btn"
          disabled={!dirty || action.busy}
          onClick={() => {
            setDraft(draftOf(base));
            action.clear();
          }}
        >
          Undo my edits
        </button>
        {saved && !dirty && (
          <span className="s-small" role="status">
            Saved.
          </span>
        )}
      </div>
    </form>
  );
}
