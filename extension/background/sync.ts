import type { z } from 'zod';
import { contactSchema } from '../../shared/schemas/contact';
import { enrollmentSchema } from '../../shared/schemas/enrollment';
import type { StrideApi } from '../lib/api/api-core';
import { ApiProblem } from '../lib/api/api-problem';
import { changesPageSchema, emailRowSchema, sequenceRowSchema } from './cache-schemas';
import { type CachedEmail, META, type StrideDb } from './db';

export interface ChangeSummary {
  applied: number;
  emails: string[];
  contactIds: string[];
  /** False when the server has no delta feed (404): the cache then fills from lookups only. */
  available: boolean;
}

const PAGE = 500;
const MAX_PAGES_PER_RUN = 20;

export function emailRow(data: z.infer<typeof emailRowSchema>): CachedEmail | undefined {
  if (!data.enrollmentId) return undefined;
  return {
    id: data.id,
    enrollmentId: data.enrollmentId,
    status: data.status,
    ...(data.reason ? { reason: data.reason } : {}),
    ...(data.detail ? { detail: data.detail } : {}),
    order: data.sentAt ?? data.scheduledAt ?? '',
  };
}

/** Pulls GET /api/changes from the stored cursor until the server says there is no more. */
export function createSync(db: StrideDb, api: StrideApi) {
  let running: Promise<ChangeSummary> | undefined;

  async function apply(items: z.infer<typeof changesPageSchema>['items'], summary: ChangeSummary) {
    await db.transaction(
      'rw',
      [db.contacts, db.enrollments, db.sequences, db.emails, db.unknown],
      async () => {
        for (const item of items) {
          const gone = item.deleted === true || item.data === null || item.data === undefined;
          if (item.type === 'contact') {
            const old = await db.contacts.get(item.id);
            if (old) summary.emails.push(old.emailKey);
            summary.contactIds.push(item.id);
            if (gone) await db.contacts.delete(item.id);
            else {
              const contact = contactSchema.safeParse(item.data);
              if (!contact.success) continue;
              const emailKey = (contact.data.email ?? '').toLowerCase();
              await db.contacts.put({ ...contact.data, emailKey });
              if (emailKey) {
                await db.unknown.delete(emailKey);
                summary.emails.push(emailKey);
              }
            }
          } else if (item.type === 'enrollment') {
            const old = await db.enrollments.get(item.id);
            if (gone) await db.enrollments.delete(item.id);
            else {
              const enrollment = enrollmentSchema.safeParse(item.data);
              if (!enrollment.success) continue;
              await db.enrollments.put(enrollment.data);
              summary.contactIds.push(enrollment.data.contactId);
            }
            if (old) summary.contactIds.push(old.contactId);
          } else if (item.type === 'sequence') {
            const sequence = sequenceRowSchema.safeParse(item.data);
            if (gone) await db.sequences.delete(item.id);
            else if (sequence.success) await db.sequences.put(sequence.data);
          } else if (item.type === 'email') {
            const parsed = emailRowSchema.safeParse(item.data);
            const row = parsed.success ? emailRow(parsed.data) : undefined;
            if (gone) await db.emails.delete(item.id);
            else if (row) {
              await db.emails.put(row);
              const enrollment = await db.enrollments.get(row.enrollmentId);
              if (enrollment) summary.contactIds.push(enrollment.contactId);
            }
          } else continue;
          summary.applied++;
        }
      },
    );
  }

  async function run(): Promise<ChangeSummary> {
    const summary: ChangeSummary = { applied: 0, emails: [], contactIds: [], available: true };
    for (let page = 0; page < MAX_PAGES_PER_RUN; page++) {
      const cursor = await db.getMeta(META.cursor);
      let body: z.infer<typeof changesPageSchema>;
      try {
        body = await api.call(
          (s) => s.api.changes.$get({ query: { cursor, limit: PAGE } }),
          changesPageSchema,
        );
      } catch (err) {
        if (err instanceof ApiProblem && err.status === 404) return { ...summary, available: false };
        throw err;
      }
      await apply(body.items, summary);
      if (body.nextCursor) await db.setMeta(META.cursor, body.nextCursor);
      if (!body.hasMore || !body.nextCursor) break;
    }
    summary.emails = [...new Set(summary.emails)];
    summary.contactIds = [...new Set(summary.contactIds)];
    return summary;
  }

  return {
    /** One run at a time: an alarm and an on-demand request share the same pass. */
    syncNow(): Promise<ChangeSummary> {
      running ??= run().finally(() => {
        running = undefined;
      });
      return running;
    },
  };
}
export type Sync = ReturnType<typeof createSync>;
