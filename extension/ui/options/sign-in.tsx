import { useEffect, useId, useState } from 'react';
import type { ExtensionSettings } from '../../../shared/schemas/settings';
import { login } from '../../lib/login';
import type { SettingsStore } from '../../lib/settings-store';

export interface SignInProps {
  settings: SettingsStore;
  fetch: typeof fetch;
  /** Asks for host access to a server outside the manifest's host permissions; false if refused. */
  requestAccess(origin: string): Promise<boolean>;
}

/** Server URL, sign in and sign out; writes `stride:settings` = {serverUrl, token, email}. */
export function SignIn(props: SignInProps) {
  const store = props.settings;
  const [settings, setSettings] = useState<ExtensionSettings | null>(null);
  const [serverUrl, setServerUrl] = useState(store.defaultServerUrl);
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const ids = useId();

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
            const next = { serverUrl: settings.serverUrl };
            await store.write(next);
            setSettings(next);
            setPassword('');
          }}
        >
          Sign out
        </button>
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
      <div className="s-field">
        <label htmlFor={`${ids}-server`}>Server URL</label>
        <input
          id={`${ids}-server`}
          className="s-input"
          type="url"
          required
          value={serverUrl}
          onChange={(e) => setServerUrl(e.target.value)}
        />
      </div>
      <div className="s-field">
        <label htmlFor={`${ids}-email`}>Email</label>
        <input
          id={`${ids}-email`}
          className="s-input"
          type="email"
          autoComplete="username"
          required
          value={email}
          onChange={(e) => setEmail(e.target.value)}
        />
      </div>
      <div className="s-field">
        <label htmlFor={`${ids}-password`}>Password</label>
        <input
          id={`${ids}-password`}
          className="s-input"
          type="password"
          autoComplete="current-password"
          required
          value={password}
          onChange={(e) => setPassword(e.target.value)}
        />
      </div>
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
