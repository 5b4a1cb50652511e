import { useEffect, useState } from 'react';
import type { ExtensionSettings } from '../../../shared/schemas/settings';
import type { SettingsStore } from '../../lib/settings-store';
import type { StrideClient } from '../../lib/stride-client';

/** Signed-in state, today's open tasks and the way to the options page. */
export function Popup(props: { client: StrideClient; settings: SettingsStore; openOptions(): void }) {
  const { client, openOptions } = props;
  const store = props.settings;
  const [settings, setSettings] = useState<ExtensionSettings | null>(null);
  const [tasks, setTasks] = useState<{ count: number } | { error: string } | null>(null);

  useEffect(() => {
    void store.read().then(async (s) => {
      setSettings(s);
      if (!s.token) return;
      const outcome = await client.request({ type: 'tasks.openCount' });
      setTasks(outcome.ok ? { count: outcome.result.count } : { error: outcome.error.message });
    });
  }, [client, store]);

  return (
    <div className="s-root s-popup" data-stride="popup">
      <header>
        <h1>Stride</h1>
      </header>
      <main aria-busy={!settings || undefined}>
        {!settings && <p className="s-muted">Loading…</p>}
        {settings && !settings.token && <p data-stride-signed-out="">You're not signed in.</p>}
        {settings?.token && (
          <>
            <p className="s-small">
              Signed in as <strong>{settings.email ?? 'a Stride user'}</strong>
            </p>
            {!tasks && <p className="s-muted">Counting today's tasks…</p>}
            {tasks && 'count' in tasks && (
              <p data-stride-tasks={tasks.count}>
                <strong>{tasks.count}</strong> open {tasks.count === 1 ? 'task' : 'tasks'} due today
              </p>
            )}
            {tasks && 'error' in tasks && (
              <p className="s-alert" role="alert">
                Tasks are unavailable: {tasks.error}
              </p>
            )}
          </>
        )}
        <button type="button" className="s-btn" onClick={openOptions}>
          {settings?.token ? 'Stride settings' : 'Sign in'}
        </button>
      </main>
    </div>
  );
}
