import { storage } from 'wxt/utils/storage';
import { type ExtensionSettings, extensionSettingsSchema, SETTINGS_KEY } from '../../shared/schemas/settings';

/** The part of WXT's storage item the store uses; tests hand in an in-memory one. */
export interface SettingsItem {
  getValue(): Promise<unknown>;
  setValue(value: unknown): Promise<void>;
  watch(cb: (next: unknown, previous: unknown) => void): () => void;
}

/**
 * The extension's one settings store: `{serverUrl, token, email}` in chrome.storage.local under the
 * key it has always had (`stride:settings`), so a rep's saved server and sign-in survive updates.
 * Extension pages (options, popup, console) and the background read and write it here; content
 * scripts never do (they must not see the token).
 */
export interface SettingsStore {
  readonly defaultServerUrl: string;
  read(): Promise<ExtensionSettings>;
  write(settings: ExtensionSettings): Promise<void>;
  /** Fires after any page changes the settings; no reload needed. */
  watch(listener: (next: ExtensionSettings, previous: ExtensionSettings) => void): () => void;
}

export const defineSettingsItem = (): SettingsItem =>
  storage.defineItem<unknown>(`local:${SETTINGS_KEY}`) as SettingsItem;

export function parseSettings(raw: unknown, defaultServerUrl: string): ExtensionSettings {
  const parsed = extensionSettingsSchema.safeParse(raw);
  // A missing or damaged entry means "not signed in" on the default server, never a crash.
  return parsed.success ? parsed.data : { serverUrl: defaultServerUrl };
}

export function createSettingsStore(
  defaultServerUrl: string,
  item: SettingsItem = defineSettingsItem(),
): SettingsStore {
  const parse = (raw: unknown) => parseSettings(raw, defaultServerUrl);
  return {
    defaultServerUrl,
    read: async () => parse(await item.getValue()),
    write: async (settings) => item.setValue(extensionSettingsSchema.parse(settings)),
    watch: (listener) => item.watch((next, previous) => listener(parse(next), parse(previous))),
  };
}
