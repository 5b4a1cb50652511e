import { Field } from '../ui/field';
import { RichTextEditor } from '../ui/rich-text/rich-text-editor';
import { aliasError } from './mailbox-aliases';
import type { MailboxForm } from './mailbox-form';

export interface FieldsProps {
  form: MailboxForm;
  errors: Record<string, string | undefined>;
  set(patch: Partial<MailboxForm>): void;
}

type TextKey = {
  [K in keyof MailboxForm]: MailboxForm[K] extends string ? K : never;
}[keyof MailboxForm];

interface TextSettingProps extends FieldsProps {
  name: TextKey;
  label: string;
  /** Where the server reports this field's problem; defaults to `settings.<name>`. */
  errorKey?: string;
  hint?: string;
  placeholder?: string;
  kind?: 'text' | 'secret' | 'number';
  onValue?: (value: string) => Partial<MailboxForm>;
}

/** One labelled text input bound to a form key, with the server's complaint for that key beside it. */
function TextSetting({
  form,
  errors,
  set,
  name,
  label,
  errorKey,
  hint,
  placeholder,
  kind = 'text',
  onValue,
}: TextSettingProps) {
  return (
    <Field label={label} error={errors[errorKey ?? `settings.${name}`]} {...(hint && { hint })}>
      <input
        className="s-input"
        value={form[name]}
        {...(placeholder && { placeholder })}
        {...(kind === 'secret' && {
          type: 'password',
          autoComplete: name === 'password' ? 'new-password' : 'off',
        })}
        {...(kind === 'number' && { inputMode: 'numeric' as const })}
        {...(name === 'user' && { autoComplete: 'off' })}
        onChange={(e) =>
          set(onValue ? onValue(e.target.value) : ({ [name]: e.target.value } as Partial<MailboxForm>))
        }
      />
    </Field>
  );
}

/** The provider's connection settings: SMTP server, tokens or API key. */
export function SettingsFields(props: FieldsProps) {
  const { form, set } = props;
  switch (form.provider) {
    case 'smtp':
      return (
        <div className="c-grid">
          <TextSetting {...props} name="host" label="SMTP server" placeholder="smtp.example.com" />
          <TextSetting
            {...props}
            name="port"
            label="Port"
            kind="number"
            hint="587 (STARTTLS) or 465 (TLS)"
            onValue={(port) => ({ port, secure: port.trim() === '465' ? true : form.secure })}
          />
          <TextSetting {...props} name="user" label="User name" hint="Often the email address itself" />
          <TextSetting
            {...props}
            name="password"
            label="Password"
            kind="secret"
            hint="With two-factor sign-in, use an app password"
          />
          <label className="s-small" style={{ alignSelf: 'center' }}>
            <input
              type="checkbox"
              checked={form.secure}
              onChange={(e) => set({ secure: e.target.checked })}
            />{' '}
            Use TLS from the start
          </label>
          <ImapFields {...props} />
        </div>
      );
    case 'gmail':
    case 'outlook':
      return (
        <div className="c-grid">
          <TextSetting {...props} name="accessToken" label="Access token" kind="secret" />
          <TextSetting {...props} name="refreshToken" label="Refresh token (optional)" kind="secret" />
          <TextSetting
            {...props}
            name="apiBaseUrl"
            label="API address (optional)"
            hint="Only for a stand-in server"
          />
        </div>
      );
    case 'sendgrid':
    case 'mailgun':
      return (
        <div className="c-grid">
          <TextSetting {...props} name="apiKey" label="API key" kind="secret" />
          {form.provider === 'mailgun' && (
            <TextSetting {...props} name="domain" label="Sending domain" hint="e.g. mg.acme.com" />
          )}
          <TextSetting {...props} name="apiBaseUrl" label="API address (optional)" />
        </div>
      );
    case 'sandbox':
      return (
        <p className="s-small s-muted">
          No settings: the server keeps each email as a file in its outbox folder.
        </p>
      );
  }
}

/**
 * settings.imap of an SMTP mailbox: where Stride reads replies, out-of-office answers and bounces
 * (read-only). `passwordKept` says a password is stored, so an empty field keeps it.
 */
export function ImapFields(props: FieldsProps & { passwordKept?: boolean }) {
  const { form, set } = props;
  return (
    <fieldset className="c-grid" style={{ border: 0, padding: 0, margin: '8px 0 0', gridColumn: '1 / -1' }}>
      <legend className="s-small">
        <label>
          <input type="checkbox" checked={form.imapOn} onChange={(e) => set({ imapOn: e.target.checked })} />{' '}
          Read replies over IMAP
        </label>
      </legend>
      {!form.imapOn && (
        <p className="s-small s-muted" style={{ gridColumn: '1 / -1' }}>
          Without IMAP, a reply stops a sequence only when someone opens its thread in Gmail or Outlook.
        </p>
      )}
      {form.imapOn && (
        <>
          <TextSetting
            {...props}
            name="imapHost"
            errorKey="settings.imap.host"
            label="IMAP server"
            placeholder={form.host.trim() ? form.host.trim().replace(/^smtp\./, 'imap.') : 'imap.example.com'}
            hint="Stride only reads: nothing is marked read, moved or deleted"
          />
          <TextSetting
            {...props}
            name="imapPort"
            errorKey="settings.imap.port"
            label="IMAP port"
            kind="number"
            hint="993 (TLS) or 143"
            onValue={(imapPort) => ({
              imapPort,
              imapSecure:
                imapPort.trim() === '993' ? true : imapPort.trim() === '143' ? false : form.imapSecure,
            })}
          />
          <TextSetting
            {...props}
            name="imapUser"
            errorKey="settings.imap.user"
            label="IMAP user name"
            hint="Empty: the email address"
          />
          <TextSetting
            {...props}
            name="imapPassword"
            errorKey="settings.imap.password"
            label="IMAP password"
            kind="secret"
            hint={props.passwordKept ? 'Leave empty to keep the stored one' : 'Often the same as for SMTP'}
          />
          <label className="s-small" style={{ alignSelf: 'center' }}>
            <input
              type="checkbox"
              checked={form.imapSecure}
              onChange={(e) => set({ imapSecure: e.target.checked })}
            />{' '}
            IMAP over TLS
          </label>
        </>
      )}
    </fieldset>
  );
}

/**
 * Ramp-up, the gap between sends and the per-domain cap (API.md "Pacing and calendars"). A new
 * mailbox gets the console's proposals: start at 10 a day, 5 more each day, a minute between sends.
 */
export function PacingFields(props: FieldsProps) {
  const { form, set } = props;
  return (
    <fieldset className="c-grid" style={{ border: 0, padding: 0, margin: '8px 0 0' }}>
      <legend className="s-small">
        <label>
          <input
            type="checkbox"
            checked={form.rampUpOn}
            onChange={(e) => set({ rampUpOn: e.target.checked })}
          />{' '}
          Ramp up slowly (warm-up)
        </label>
      </legend>
      {form.rampUpOn && (
        <>
          <TextSetting
            {...props}
            name="rampStart"
            errorKey="rampStart"
            label="Emails on the first day"
            kind="number"
          />
          <TextSetting
            {...props}
            name="rampIncrease"
            errorKey="rampIncrease"
            label="More each day"
            kind="number"
            hint="Until the daily limit is reached"
          />
        </>
      )}
      <TextSetting
        {...props}
        name="minGapSeconds"
        errorKey="minGapSeconds"
        label="Seconds between two sends"
        kind="number"
        hint="Plus a random wait of up to half as long"
      />
      <TextSetting
        {...props}
        name="recipientDomainDailyLimit"
        errorKey="recipientDomainDailyLimit"
        label="Most emails a day to one company domain"
        kind="number"
        hint="Empty: no cap"
      />
    </fieldset>
  );
}

/** Sender name, limits and signature: the same on every provider. */
export function SendingFields(props: FieldsProps) {
  const { form, errors, set } = props;
  return (
    <>
      <div className="c-grid">
        <TextSetting {...props} name="name" errorKey="name" label="Sender name" hint="Shown to recipients" />
        <TextSetting
          {...props}
          name="dailyLimit"
          errorKey="dailyLimit"
          label="Emails per day"
          kind="number"
          hint="Start around 50"
        />
        <TextSetting
          {...props}
          name="hourlyLimit"
          errorKey="hourlyLimit"
          label="Emails per hour"
          kind="number"
          hint="Start around 6"
        />
      </div>
      <RichTextEditor
        label="Signature"
        value={form.signature}
        onChange={(signature) => set({ signature })}
        error={errors.signature}
        hint="Templates insert it with {{sender.signature}}. Ctrl+B bold, Ctrl+I italic, Ctrl+K link."
      />
    </>
  );
}

/**
 * settings.aliases: other addresses the rep sends from, so mail from them is never taken for a reply.
 * `learned` are the ones sync read from the provider (Gmail's send-as, Outlook's proxy addresses), shown
 * as a read-only hint.
 */
export function AliasesField(props: FieldsProps & { learned?: string[] | undefined }) {
  const { form, errors, set, learned } = props;
  const hint = learned?.length
    ? `One a line or comma-separated. Already known from the provider: ${learned.join(', ')}`
    : 'One a line or comma-separated; mail from these is never taken for a reply';
  return (
    <Field
      label="Other addresses you send from (aliases)"
      error={aliasError(errors, form.aliases)}
      hint={hint}
    >
      <textarea
        className="s-input"
        rows={2}
        value={form.aliases}
        placeholder="sales@acme.com"
        onChange={(e) => set({ aliases: e.target.value })}
      />
    </Field>
  );
}
