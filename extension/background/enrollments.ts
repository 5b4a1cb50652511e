import { z } from 'zod';
import { retryResultSchema } from '../../shared/schemas/email';
import {
  type Enrollment,
  enrollmentSchema,
  enrollResultSchema,
  type FinishReason,
} from '../../shared/schemas/enrollment';
import { encodeParams, type ServerClient, type StrideApi } from '../lib/api/api-core';
import { ApiProblem } from '../lib/api/api-problem';
import { META, type StrideDb } from './db';

const undefinedSchema = z.undefined();

/** Enrollment changes go to the server first; the cache takes the server's answer. */
export function createEnrollments(db: StrideDb, api: StrideApi) {
  const one = (id: string) => (s: ServerClient) =>
    s.api.enrollments[':id'].$get({ param: encodeParams({ id }) });

  async function store(enrollment: Enrollment) {
    await db.enrollments.put(enrollment);
    return enrollment;
  }

  return {
    async enroll(contactId: string, sequenceId: string, skipValidation: boolean | undefined) {
      const result = await api.call(
        (s) =>
          s.api.sequences[':id'].enrollments.$post({
            param: encodeParams({ id: sequenceId }),
            json: { contactIds: [contactId], ...(skipValidation ? { skipValidation: true } : {}) },
          }),
        enrollResultSchema,
      );
      await db.enrollments.bulkPut(result.enrollments);
      if (result.enrollments.length > 0) await db.setMeta(META.lastUsedSequence, sequenceId);
      return result;
    },
    pause: async (id: string, resumeAt?: string) =>
      store(
        await api.call(
          (s) =>
            s.api.enrollments[':id'].pause.$post({
              param: encodeParams({ id }),
              json: resumeAt ? { resumeAt } : {},
            }),
          enrollmentSchema,
        ),
      ),
    resume: async (id: string) =>
      store(
        await api.call(
          (s) => s.api.enrollments[':id'].resume.$post({ param: encodeParams({ id }) }),
          enrollmentSchema,
        ),
      ),
    finish: async (id: string, reason: FinishReason) =>
      store(
        await api.call(
          (s) => s.api.enrollments[':id'].finish.$post({ param: encodeParams({ id }), json: { reason } }),
          enrollmentSchema,
        ),
      ),

    /** Returns the contact the enrollment belonged to, for the change notice. */
    async remove(id: string): Promise<string | undefined> {
      const before = await db.enrollments.get(id);
      // DELETE may answer with the removed enrollment or with no body; either way, read it back.
      await api
        .call(
          (s) => s.api.enrollments[':id'].$delete({ param: encodeParams({ id }) }),
          enrollmentSchema.or(undefinedSchema),
        )
        .catch((err) => {
          if (!(err instanceof ApiProblem && err.kind === 'bad_response')) throw err;
        });
      try {
        return (await store(await api.call(one(id), enrollmentSchema))).contactId;
      } catch (err) {
        if (!(err instanceof ApiProblem && err.status === 404)) throw err;
        await db.enrollments.delete(id);
        return before?.contactId;
      }
    },

    /**
     * Sends a not-sent email again, then re-reads the enrollment (the server sets it running again);
     * the cached email loses its reason so the panel stops calling the enrollment stuck.
     */
    async retryEmail(enrollmentId: string, emailId: string, force: boolean) {
      const result = await api.call(
        (s) => s.api.emails.retry.$post({ json: { ids: [emailId], force } }),
        retryResultSchema,
      );
      const retried = result.retried.includes(emailId);
      if (retried)
        await db.emails.update(emailId, { status: 'scheduled', reason: undefined, detail: undefined });
      const enrollment = await store(await api.call(one(enrollmentId), enrollmentSchema));
      return { retried, skipped: result.skipped.find((s) => s.id === emailId)?.code, enrollment };
    },

    /** After the server reports reply or out-of-office events, re-read those enrollments. */
    async refresh(ids: string[]): Promise<string[]> {
      const fresh = await Promise.all(ids.map((id) => api.call(one(id), enrollmentSchema)));
      await db.enrollments.bulkPut(fresh);
      return fresh.map((e) => e.contactId);
    },
  };
}
export type Enrollments = ReturnType<typeof createEnrollments>;
