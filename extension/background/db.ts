import { Dexie, type DexieOptions, type EntityTable } from 'dexie';
import type { Contact } from '../../shared/schemas/contact';
import type { Enrollment } from '../../shared/schemas/enrollment';
import type { NotSentCode } from '../../shared/schemas/not-sent-code';

export type CachedContact = Contact & { emailKey: string };
export interface CachedSequence {
  id: string;
  name: string;
  active: boolean;
}
/** Only what the panel needs to say why an enrollment is stuck. */
export interface CachedEmail {
  id: string;
  enrollmentId: string;
  status: string;
  reason?: NotSentCode;
  detail?: string;
  order: string;
}
/** An address the server said no contact has, so the panel can say so before asking again. */
export interface UnknownAddress {
  emailKey: string;
  checkedAt: number;
}
export interface MetaRow {
  key: string;
  value: string;
}
export interface ReportedMessage {
  key: string;
  reportedAt: number;
}

/**
 * The background's cache. It lives in the service worker, not in content scripts: there IndexedDB
 * would belong to mail.google.com's origin, readable by the page.
 */
export class StrideDb extends Dexie {
  contacts!: EntityTable<CachedContact, 'id'>;
  enrollments!: EntityTable<Enrollment, 'id'>;
  sequences!: EntityTable<CachedSequence, 'id'>;
  emails!: EntityTable<CachedEmail, 'id'>;
  unknown!: EntityTable<UnknownAddress, 'emailKey'>;
  meta!: EntityTable<MetaRow, 'key'>;
  reported!: EntityTable<ReportedMessage, 'key'>;

  constructor(name = 'stride', options?: DexieOptions) {
    super(name, options);
    this.version(1).stores({
      contacts: 'id, emailKey',
      enrollments: 'id, contactId',
      sequences: 'id',
      emails: 'id, enrollmentId',
      unknown: 'emailKey',
      meta: 'key',
      reported: 'key, reportedAt',
    });
  }

  async getMeta(key: string): Promise<string | undefined> {
    return (await this.meta.get(key))?.value;
  }

  async setMeta(key: string, value: string | undefined): Promise<void> {
    if (value === undefined) await this.meta.delete(key);
    else await this.meta.put({ key, value });
  }

  /** Everything cached belongs to one account on one server; a different one starts from empty. */
  async clearAccountData(): Promise<void> {
    await this.transaction(
      'rw',
      [this.contacts, this.enrollments, this.sequences, this.emails, this.unknown, this.meta, this.reported],
      async () => {
        await Promise.all([
          this.contacts.clear(),
          this.enrollments.clear(),
          this.sequences.clear(),
          this.emails.clear(),
          this.unknown.clear(),
          this.meta.clear(),
          this.reported.clear(),
        ]);
      },
    );
  }
}

export const META = {
  owner: 'owner',
  cursor: 'changes.cursor',
  lastUsedSequence: 'sequences.lastUsed',
  sequencesLoadedAt: 'sequences.loadedAt',
  diagnostics: 'diagnostics.pageProblems',
} as const;
