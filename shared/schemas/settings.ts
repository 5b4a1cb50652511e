import { z } from 'zod';

/** What the options page writes to chrome.storage.local under SETTINGS_KEY; the background reads it. */
export const SETTINGS_KEY = 'stride:settings';

export const extensionSettingsSchema = z.object({
  serverUrl: z.url(),
  token: z.string().min(1).optional(),
  email: z.string().optional(),
});
export type ExtensionSettings = z.infer<typeof extensionSettingsSchema>;
