import { type ExtensionSettings, extensionSettingsSchema, SETTINGS_KEY } from '../../shared/schemas/settings';

export interface StorageAreaLike {
  get(key: string): Promise<Record<string, unknown>>;
  set(items: Record<string, unknown>): Promise<void>;
}

/** Extension pages (options, popup) read and write `stride:settings`; the background reacts. */
export async function readSettings(
  storage: StorageAreaLike,
  defaultServerUrl: string,
): Promise<ExtensionSettings> {
  const parsed = extensionSettingsSchema.safeParse((await storage.get(SETTINGS_KEY))[SETTINGS_KEY]);
  return parsed.success ? parsed.data : { serverUrl: defaultServerUrl };
}

export async function writeSettings(storage: StorageAreaLike, settings: ExtensionSettings): Promise<void> {
  await storage.set({ [SETTINGS_KEY]: extensionSettingsSchema.parse(settings) });
}
