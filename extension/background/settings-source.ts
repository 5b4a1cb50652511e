import { type ExtensionSettings, extensionSettingsSchema, SETTINGS_KEY } from '../../shared/schemas/settings';
import type { BackgroundBrowser } from './browser-api';

export interface SettingsSource {
  current(): Promise<ExtensionSettings>;
  /** Fires after the options page changes the settings; no reload needed. */
  onChange(listener: (next: ExtensionSettings, previous: ExtensionSettings) => void): () => void;
}

export function parseSettings(raw: unknown, defaultServerUrl: string): ExtensionSettings {
  const parsed = extensionSettingsSchema.safeParse(raw);
  if (parsed.success) return parsed.data;
  // A missing or damaged entry means "not signed in" on the default server, never a crash.
  return { serverUrl: defaultServerUrl };
}

export function createSettingsSource(browser: BackgroundBrowser, defaultServerUrl: string): SettingsSource {
  let cached: Promise<ExtensionSettings> | undefined;
  const listeners = new Set<(next: ExtensionSettings, previous: ExtensionSettings) => void>();
  const load = async () =>
    parseSettings((await browser.storage.local.get(SETTINGS_KEY))[SETTINGS_KEY], defaultServerUrl);

  browser.storage.onChanged.addListener((changes, area) => {
    const change = changes[SETTINGS_KEY];
    if (area !== 'local' || !change) return;
    const previous = cached ?? load();
    const next = parseSettings(change.newValue, defaultServerUrl);
    cached = Promise.resolve(next);
    void previous.then((prev) => {
      for (const listener of listeners) listener(next, prev);
    });
  });

  return {
    current() {
      cached ??= load();
      return cached;
    },
    onChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
