import { storage } from 'wxt/utils/storage';
import { z } from 'zod';
import { contactStatusFilterSchema } from '../../../../shared/schemas/contact';

/** What the Contacts screen filters by; a saved view is a named one of these. */
export const contactFilterSchema = z.object({
  q: z.string().default(''),
  ownerId: z.string().default(''),
  stage: z.string().default(''),
  listId: z.string().default(''),
  status: z.union([contactStatusFilterSchema, z.literal('')]).default(''),
});
export type ContactFilter = z.infer<typeof contactFilterSchema>;
export const emptyContactFilter: ContactFilter = { q: '', ownerId: '', stage: '', listId: '', status: '' };

export const savedViewSchema = z.object({ name: z.string(), filter: contactFilterSchema });
export type SavedView = z.infer<typeof savedViewSchema>;

/** Saved views, per signed-in user (several reps may share one browser profile). */
export interface ViewStore {
  load(user: string): Promise<SavedView[]>;
  save(user: string, views: SavedView[]): Promise<void>;
}

const allViews = z.record(z.string(), z.array(savedViewSchema));

/** Over any key-value item: WXT's chrome.storage.local item in the extension, memory in tests. */
export function createViewStore(item: {
  getValue(): Promise<unknown>;
  setValue(v: unknown): Promise<void>;
}): ViewStore {
  const read = async () => {
    const parsed = allViews.safeParse(await item.getValue());
    // A damaged entry loses the saved views, never the screen.
    return parsed.success ? parsed.data : {};
  };
  return {
    async load(user) {
      return (await read())[user] ?? [];
    },
    async save(user, views) {
      await item.setValue({ ...(await read()), [user]: views });
    },
  };
}

export const wxtViewStore = () => createViewStore(storage.defineItem<unknown>('local:stride:contact-views'));

export function memoryViewStore(): ViewStore {
  let value: unknown;
  return createViewStore({
    getValue: async () => value,
    setValue: async (v) => {
      value = v;
    },
  });
}
