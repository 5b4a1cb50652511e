import type { Contact } from '../../../shared/schemas/contact';
import type { ConsoleApi } from './api-client';
import { contactPageSchema } from './api-schemas';
import { mapLimit } from './paginate';

/** Ids per lookup: short URLs (the API takes up to 500), and a screenful is one request. */
const BATCH = 100;
const LANES = 4;

/**
 * Enrollments, emails and tasks name a contact only by id, so the console looks the contacts up in
 * batches (`GET /api/contacts?ids=…`) once per page visit and shares the answers between screens.
 */
export class ContactDirectory {
  private readonly known = new Map<string, Promise<Contact | null>>();

  constructor(private readonly api: ConsoleApi) {}

  async many(ids: Iterable<string>): Promise<Map<string, Contact>> {
    const unique = [...new Set(ids)];
    this.lookUp(unique.filter((id) => !this.known.has(id)));
    const out = new Map<string, Contact>();
    for (const id of unique) {
      const c = await this.known.get(id);
      if (c) out.set(id, c);
    }
    return out;
  }

  one(id: string): Promise<Contact | null> {
    if (!this.known.has(id)) this.lookUp([id]);
    return this.known.get(id) ?? Promise.resolve(null);
  }

  remember(contacts: readonly Contact[]): void {
    for (const c of contacts) this.known.set(c.id, Promise.resolve(c));
  }

  /** After signing in again (perhaps as someone else), nothing cached may show. */
  clear(): void {
    this.known.clear();
  }

  private lookUp(ids: readonly string[]): void {
    if (ids.length === 0) return;
    const chunks: string[][] = [];
    for (let i = 0; i < ids.length; i += BATCH) chunks.push(ids.slice(i, i + BATCH));
    const answers = mapLimit(chunks, LANES, (chunk) => this.fetchChunk(chunk));
    chunks.forEach((chunk, i) => {
      for (const id of chunk) {
        const entry: Promise<Contact | null> = answers.then((all) => {
          const found = all[i];
          // A failed lookup is forgotten, so the next visit asks again rather than showing it unknown forever.
          if (!found && this.known.get(id) === entry) this.known.delete(id);
          return found?.get(id) ?? null;
        });
        this.known.set(id, entry);
      }
    });
  }

  /** Contacts that vanished or are hidden from this user are simply absent: "Unknown contact". */
  private async fetchChunk(ids: string[]): Promise<Map<string, Contact> | null> {
    try {
      const page = await this.api.call(
        (s) => s.api.contacts.$get({ query: { ids: ids.join(','), limit: ids.length } }),
        contactPageSchema,
      );
      return new Map(page.items.map((c) => [c.id, c]));
    } catch {
      return null;
    }
  }
}

export function contactName(c: Contact | null | undefined): string {
  if (!c) return 'Unknown contact';
  const name = [c.firstName, c.lastName].filter(Boolean).join(' ');
  return name || c.email || 'Unnamed contact';
}
