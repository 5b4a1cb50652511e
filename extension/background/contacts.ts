import { pageOf } from '../../shared/schemas/common';
import { type Contact, contactSchema } from '../../shared/schemas/contact';
import { type Enrollment, enrollmentSchema } from '../../shared/schemas/enrollment';
import type { EnrollmentView, ResultOf, SequenceSummary } from '../../shared/schemas/extension-messages';
import { detailInWords } from '../../shared/send-guard/detail-words';
import type { StrideApi } from '../lib/api/api-core';
import { ApiProblem } from '../lib/api/api-problem';
import { emailPageSchema, sequencePageSchema } from './cache-schemas';
import { META, type StrideDb } from './db';
import { clickWords, explainNotSent, retryPolicy } from './explain';
import { emailRow } from './sync';

const contactPageSchema = pageOf(contactSchema);
const enrollmentPageSchema = pageOf(enrollmentSchema);
const STUCK = new Set(['not_sent', 'bounced']);
const SEQUENCES_TTL_MS = 5 * 60_000;

type Lookup = ResultOf<'contact.lookup'>;

export function createContacts(db: StrideDb, api: StrideApi, now: () => number = Date.now) {
  async function views(contactId: string): Promise<EnrollmentView[]> {
    const rows = await db.enrollments.where('contactId').equals(contactId).toArray();
    rows.sort((a, b) => b.createdAt.localeCompare(a.createdAt));
    return Promise.all(
      rows.map(async (e): Promise<EnrollmentView> => {
        const sequence = await db.sequences.get(e.sequenceId);
        let stuckReason: EnrollmentView['stuckReason'];
        if (STUCK.has(e.status)) {
          const emails = await db.emails.where('enrollmentId').equals(e.id).toArray();
          const latest = emails.filter((m) => m.reason).sort((a, b) => b.order.localeCompare(a.order))[0];
          if (latest?.reason) {
            // Put in words here, beside the catalog: the panel runs in every mail tab, and the catalog
            // (with zod) would add ~50 KiB to each content script.
            const detail = detailInWords(latest.detail, latest.reason);
            stuckReason = {
              code: latest.reason,
              ...explainNotSent(latest.reason, latest.detail),
              ...(detail ? { detail } : {}),
              emailId: latest.id,
              retry: retryPolicy(latest.reason),
            };
          }
        }
        return { ...e, sequenceName: sequence?.name ?? null, ...(stuckReason ? { stuckReason } : {}) };
      }),
    );
  }

  async function result(source: Lookup['source'], hit: boolean, contact: Contact | null): Promise<Lookup> {
    return {
      type: 'contact.lookup',
      source,
      hit,
      contact,
      lastClick: contact?.lastHumanClick
        ? { words: clickWords(contact.lastHumanClick, now()), url: contact.lastHumanClick.url }
        : null,
      enrollments: contact ? await views(contact.id) : [],
      lastUsedSequenceId: (await db.getMeta(META.lastUsedSequence)) ?? null,
    };
  }

  async function storeContact(contact: Contact) {
    const emailKey = (contact.email ?? '').toLowerCase();
    await db.contacts.put({ ...contact, emailKey });
    if (emailKey) await db.unknown.delete(emailKey);
  }

  async function refreshSequences(force: boolean): Promise<void> {
    const loadedAt = Number((await db.getMeta(META.sequencesLoadedAt)) ?? 0);
    if (!force && now() - loadedAt < SEQUENCES_TTL_MS) return;
    const page = await api.call((s) => s.api.sequences.$get({ query: { limit: 1000 } }), sequencePageSchema);
    await db.transaction('rw', db.sequences, db.meta, async () => {
      await db.sequences.clear();
      await db.sequences.bulkPut(page.items);
      await db.setMeta(META.sequencesLoadedAt, String(now()));
    });
  }

  /** Why a stuck enrollment is stuck: its latest not-sent email. Older servers may lack the route. */
  async function refreshStuckReasons(enrollments: Enrollment[]) {
    await Promise.all(
      enrollments
        .filter((e) => STUCK.has(e.status))
        .map(async (e) => {
          try {
            const page = await api.call(
              (s) => s.api.emails.$get({ query: { enrollmentId: e.id, limit: 100 } }),
              emailPageSchema,
            );
            const rows = page.items.map(emailRow).filter((r) => r !== undefined);
            await db.emails.bulkPut(rows);
          } catch (err) {
            if (!(err instanceof ApiProblem && err.status === 404)) throw err;
          }
        }),
    );
  }

  async function refreshEnrollments(contactId: string): Promise<Enrollment[]> {
    const page = await api.call(
      (s) => s.api.enrollments.$get({ query: { contactId, limit: 1000 } }),
      enrollmentPageSchema,
    );
    await db.transaction('rw', db.enrollments, async () => {
      const stale = await db.enrollments.where('contactId').equals(contactId).primaryKeys();
      await db.enrollments.bulkDelete(stale);
      await db.enrollments.bulkPut(page.items);
    });
    return page.items;
  }

  return {
    views,

    async lookupCache(emailKey: string): Promise<Lookup> {
      const contact = await db.contacts.where('emailKey').equals(emailKey).first();
      // The router's response schema drops the cache-only emailKey field.
      if (contact) return result('cache', true, contact);
      const unknown = await db.unknown.get(emailKey);
      return result('cache', !!unknown, null);
    },

    async lookupServer(emailKey: string): Promise<Lookup> {
      const page = await api.call(
        (s) => s.api.contacts.$get({ query: { email: emailKey } }),
        contactPageSchema,
      );
      const contact = page.items.find((c) => c.email?.toLowerCase() === emailKey) ?? null;
      if (!contact) {
        await db.unknown.put({ emailKey, checkedAt: now() });
        return result('server', true, null);
      }
      await storeContact(contact);
      const [enrollments] = await Promise.all([refreshEnrollments(contact.id), refreshSequences(false)]);
      const known = await db.sequences.bulkGet(enrollments.map((e) => e.sequenceId));
      await Promise.all([
        known.some((s) => !s) ? refreshSequences(true) : undefined,
        refreshStuckReasons(enrollments),
      ]);
      return result('server', true, contact);
    },

    async create(input: { email: string; firstName?: string; lastName?: string }): Promise<Contact> {
      const contact = await api.call((s) => s.api.contacts.$post({ json: input }), contactSchema);
      await storeContact(contact);
      return contact;
    },

    async sequences(): Promise<{ sequences: SequenceSummary[]; lastUsedSequenceId: string | null }> {
      await refreshSequences(true).catch(async (err) => {
        // Offline, the cached list still lets the rep pick; with nothing cached, say why.
        if ((await db.sequences.count()) === 0) throw err;
      });
      const sequences = await db.sequences.toArray();
      sequences.sort((a, b) => a.name.localeCompare(b.name));
      return { sequences, lastUsedSequenceId: (await db.getMeta(META.lastUsedSequence)) ?? null };
    },

    storeContact,
    refreshEnrollments,
  };
}
export type Contacts = ReturnType<typeof createContacts>;
