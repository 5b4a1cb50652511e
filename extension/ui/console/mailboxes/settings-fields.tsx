import { Field } from '../ui/field';
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
      <Field label="Signature" error={errors.signature} hint="Templates insert it with {{sender.signature}}">
        <textarea
          className="s-input"
          rows={3}
          value={form.signature}
          onChange={(e) => set({ signature: e.target.value })}
        />
      </Field>
    </>
  );
}
