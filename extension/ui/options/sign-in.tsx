import { useEffect, useState } from 'react';
import type { ExtensionSettings } from '../../../shared/schemas/settings';
import { logout } from '../../lib/account-calls';
import { login } from '../../lib/login';
import type { SettingsStore } from '../../lib/settings-store';
import { ChangePassword } from './change-password';
import { TextField } from './text-field';

export interface SignInProps {
  settings: SettingsStore;
  fetch: typeof fetch;
  /** Asks for host access to a server outside the manifest's host permissions; false if refused. */
  requestAccess(origin: string): Promise<boolean>;
}

/** Server URL, sign in, sign out (the token is revoked on the server) and password change; writes `stride:settings` = {serverUrl, token, email}. */
export function SignIn(props: SignInProps) {
  const store = props.settings;
  const [settings, setSettings] = useState<ExtensionSettings | null>(null);
  const [serverUrl, setServerUrl] = useState(store.defaultServerUrl);
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    void store.read().then((s) => {
      setSettings(s);
      setServerUrl(s.serverUrl);
      if (s.email) setEmail(s.email);
    });
  }, [store]);

  if (!settings) return <p className="s-muted">Loading…</p>;

  if (settings.token) {
    return (
      <section aria-label="Account" data-stride-signed-in="">
        <p>
          Signed in as <strong>{settings.email ?? 'a Stride user'}</strong> on{' '}
          <code>{settings.serverUrl}</code>.
        </p>
        <button
          type="button"
          className="s-btn"
          onClick={async () => {
            // Revoke the token on the server too; signed out here whatever it answers.
            if (settings.token) await logout(props.fetch, settings.serverUrl, settings.token);
            const next = { serverUrl: settings.serverUrl };
            await store.write(next);
            setSettings(next);
            setPassword('');
          }}
        >
          Sign out
        </button>
        <ChangePassword fetch={props.fetch} serverUrl={settings.serverUrl} token={settings.token} />
      </section>
    );
  }

  return (
    <form
      aria-label="Sign in to Stride"
      onSubmit={async (ev) => {
        ev.preventDefault();
        setError(null);
        let origin: string;
        try {
          origin = new URL(serverUrl).origin;
        } catch {
          setError('Enter the server address, for example https://stride.example.com');
          return;
        }
        setBusy(true);
        // Must run inside the click's user gesture, so before any other await.
        const allowed = await props.requestAccess(origin);
        if (!allowed) {
          setBusy(false);
          setError(`Stride needs permission to reach ${origin}.`);
          return;
        }
        const outcome = await login(props.fetch, origin, email.trim(), password);
        setBusy(false);
        if (!outcome.ok) return setError(outcome.message);
        const next = { serverUrl: origin, token: outcome.token, email: outcome.user.email };
        await store.write(next);
        setSettings(next);
        setServerUrl(origin);
        setPassword('');
      }}
    >
      <TextField label="Server URL" type="url" value={serverUrl} onChange={setServerUrl} />
      <TextField label="Email" type="email" autoComplete="username" value={email} onChange={setEmail} />
      <TextField
        label="Password"
        type="password"
        autoComplete="current-password"
        value={password}
        onChange={setPassword}
      />
      {error && (
        <p className="s-alert" role="alert">
          {error}
        </p>
      )}
      <button type="submit" className="s-btn" data-primary="" disabled={busy}>
        {busy ? 'Signing in…' : 'Sign in'}
      </button>
    </form>
  );
}
