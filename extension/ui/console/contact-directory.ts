import type { Contact } from '../../../shared/schemas/contact';
import type { ConsoleApi } from './api-client';
import { contactSchema } from './api-schemas';
import { mapLimit } from './paginate';

/**
 * Enrollments, emails and tasks name a contact only by id and the API has no batch lookup, so the
 * console fetches each contact once per page visit and shares the answers between screens.
 */
export class ContactDirectory {
  private readonly known = new Map<string, Promise<Contact | null>>();

  constructor(private readonly api: ConsoleApi) {}

  async many(ids: Iterable<string>): Promise<Map<string, Contact>> {
    const unique = [...new Set(ids)];
    const missing = unique.filter((id) => !this.known.has(id));
    await mapLimit(missing, 6, (id) => this.one(id));
    const out = new Map<string, Contact>();
    for (const id of unique) {
      const c = await this.known.get(id);
      if (c) out.set(id, c);
    }
    return out;
  }

  one(id: string): Promise<Contact | null> {
    let hit = this.known.get(id);
    if (!hit) {
      // A contact that vanished or is hidden shows as "unknown contact" rather than failing the list.
      hit = this.api.get(`/api/contacts/${encodeURIComponent(id)}`, contactSchema).catch(() => null);
      this.known.set(id, hit);
    }
    return hit;
  }

  remember(contacts: readonly Contact[]): void {
    for (const c of contacts) this.known.set(c.id, Promise.resolve(c));
  }

  /** After signing in again (perhaps as someone else), nothing cached may show. */
  clear(): void {
    this.known.clear();
  }
}

export function contactName(c: Contact | null | undefined): string {
  if (!c) return 'Unknown contact';
  const name = [c.firstName, c.lastName].filter(Boolean).join(' ');
  return name || c.email || 'Unnamed contact';
}
