import { z } from 'zod';
import {
  type Enrollment,
  enrollmentSchema,
  enrollResultSchema,
  type FinishReason,
} from '../../shared/schemas/enrollment';
import { type ApiClient, BackgroundError } from './api-client';
import { META, type StrideDb } from './db';

const undefinedSchema = z.undefined();
const path = (id: string, action?: string) =>
  `/api/enrollments/${encodeURIComponent(id)}${action ? `/${action}` : ''}`;

/** Enrollment changes go to the server first; the cache takes the server's answer. */
export function createEnrollments(db: StrideDb, api: ApiClient) {
  async function store(enrollment: Enrollment) {
    await db.enrollments.put(enrollment);
    return enrollment;
  }

  return {
    async enroll(contactId: string, sequenceId: string, skipValidation: boolean | undefined) {
      const result = await api.send(
        'POST',
        `/api/sequences/${encodeURIComponent(sequenceId)}/enrollments`,
        { contactIds: [contactId], ...(skipValidation ? { skipValidation: true } : {}) },
        enrollResultSchema,
      );
      await db.enrollments.bulkPut(result.enrollments);
      if (result.enrollments.length > 0) await db.setMeta(META.lastUsedSequence, sequenceId);
      return result;
    },
    pause: async (id: string, resumeAt?: string) =>
      store(await api.send('POST', path(id, 'pause'), resumeAt ? { resumeAt } : {}, enrollmentSchema)),
    resume: async (id: string) => store(await api.send('POST', path(id, 'resume'), {}, enrollmentSchema)),
    finish: async (id: string, reason: FinishReason) =>
      store(await api.send('POST', path(id, 'finish'), { reason }, enrollmentSchema)),

    /** Returns the contact the enrollment belonged to, for the change notice. */
    async remove(id: string): Promise<string | undefined> {
      const before = await db.enrollments.get(id);
      // DELETE may answer with the removed enrollment or with no body; either way, read it back.
      await api.send('DELETE', path(id), undefined, enrollmentSchema.or(undefinedSchema)).catch((err) => {
        if (!(err instanceof BackgroundError && err.code === 'bad_response')) throw err;
      });
      try {
        return (await store(await api.get(path(id), enrollmentSchema))).contactId;
      } catch (err) {
        if (!(err instanceof BackgroundError && err.status === 404)) throw err;
        await db.enrollments.delete(id);
        return before?.contactId;
      }
    },

    /** After the server reports reply or out-of-office events, re-read those enrollments. */
    async refresh(ids: string[]): Promise<string[]> {
      const fresh = await Promise.all(ids.map((id) => api.get(path(id), enrollmentSchema)));
      await db.enrollments.bulkPut(fresh);
      return fresh.map((e) => e.contactId);
    },
  };
}
export type Enrollments = ReturnType<typeof createEnrollments>;
