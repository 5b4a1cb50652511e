import { Field } from '../ui/field';
import type { MailboxForm } from './mailbox-form';

export interface FieldsProps {
  form: MailboxForm;
  errors: Record<string, string | undefined>;
  set(patch: Partial<MailboxForm>): void;
}

/** The provider's connection settings: SMTP server, tokens or API key. */
export function SettingsFields({ form, errors, set }: FieldsProps) {
  switch (form.provider) {
    case 'smtp':
      return (
        <div className="c-grid">
          <Field label="SMTP server" error={errors['settings.host']}>
            <input
              className="s-input"
              value={form.host}
              placeholder="smtp.example.com"
              onChange={(e) => set({ host: e.target.value })}
            />
          </Field>
          <Field label="Port" error={errors['settings.port']} hint="587 (STARTTLS) or 465 (TLS)">
            <input
              className="s-input"
              inputMode="numeric"
              value={form.port}
              onChange={(e) =>
                set({ port: e.target.value, secure: e.target.value.trim() === '465' ? true : form.secure })
              }
            />
          </Field>
          <Field label="User name" error={errors['settings.user']} hint="Often the email address itself">
            <input
              className="s-input"
              autoComplete="off"
              value={form.user}
              onChange={(e) => set({ user: e.target.value })}
            />
          </Field>
          <Field
            label="Password"
            error={errors['settings.password']}
            hint="With two-factor sign-in, use an app password"
          >
            <input
              className="s-input"
              type="password"
              autoComplete="new-password"
              value={form.password}
              onChange={(e) => set({ password: e.target.value })}
            />
          </Field>
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
          <Field label="Access token" error={errors['settings.accessToken']}>
            <input
              className="s-input"
              type="password"
              autoComplete="off"
              value={form.accessToken}
              onChange={(e) => set({ accessToken: e.target.value })}
            />
          </Field>
          <Field label="Refresh token (optional)" error={errors['settings.refreshToken']}>
            <input
              className="s-input"
              type="password"
              autoComplete="off"
              value={form.refreshToken}
              onChange={(e) => set({ refreshToken: e.target.value })}
            />
          </Field>
          <Field
            label="API address (optional)"
            error={errors['settings.apiBaseUrl']}
            hint="Only for a stand-in server"
          >
            <input
              className="s-input"
              value={form.apiBaseUrl}
              onChange={(e) => set({ apiBaseUrl: e.target.value })}
            />
          </Field>
        </div>
      );
    case 'sendgrid':
    case 'mailgun':
      return (
        <div className="c-grid">
          <Field label="API key" error={errors['settings.apiKey']}>
            <input
              className="s-input"
              type="password"
              autoComplete="off"
              value={form.apiKey}
              onChange={(e) => set({ apiKey: e.target.value })}
            />
          </Field>
          {form.provider === 'mailgun' && (
            <Field label="Sending domain" error={errors['settings.domain']} hint="e.g. mg.acme.com">
              <input
                className="s-input"
                value={form.domain}
                onChange={(e) => set({ domain: e.target.value })}
              />
            </Field>
          )}
          <Field label="API address (optional)" error={errors['settings.apiBaseUrl']}>
            <input
              className="s-input"
              value={form.apiBaseUrl}
              onChange={(e) => set({ apiBaseUrl: e.target.value })}
            />
          </Field>
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
export function SendingFields({ form, errors, set }: FieldsProps) {
  return (
    <>
      <div className="c-grid">
        <Field label="Sender name" error={errors.name} hint="Shown to recipients">
          <input className="s-input" value={form.name} onChange={(e) => set({ name: e.target.value })} />
        </Field>
        <Field label="Emails per day" error={errors.dailyLimit} hint="Start around 50">
          <input
            className="s-input"
            inputMode="numeric"
            value={form.dailyLimit}
            onChange={(e) => set({ dailyLimit: e.target.value })}
          />
        </Field>
        <Field label="Emails per hour" error={errors.hourlyLimit} hint="Start around 6">
          <input
            className="s-input"
            inputMode="numeric"
            value={form.hourlyLimit}
            onChange={(e) => set({ hourlyLimit: e.target.value })}
          />
        </Field>
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
