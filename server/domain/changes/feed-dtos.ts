import type { SequenceSummary } from '../../../shared/schemas/changes';
import type { Email, Task, WaitReason } from '../../../shared/schemas/email';
import type { Enrollment } from '../../../shared/schemas/enrollment';
import type { NotSentCode } from '../../../shared/schemas/not-sent-code';
import type { Ruleset } from '../../../shared/schemas/ruleset';
import type { Schedule } from '../../../shared/schemas/schedule';
import type { emails, enrollments, sequences, tasks } from '../../db/schema';

/*
 * Compact DTOs built from one row each, so the feed needs no joins. They follow the shapes in
 * shared/schemas; the routes that own these resources may later hand the feed their own mappers.
 */

const iso = (d: Date | null) => (d ? d.toISOString() : undefined);
/** Optional DTO fields are left out rather than sent as null, as the shared schemas declare them. */
const opt = <K extends string, V>(key: K, value: V | null | undefined) =>
  (value === null || value === undefined ? {} : { [key]: value }) as Partial<Record<K, V>>;

export function toSequenceSummary(s: typeof sequences.$inferSelect): SequenceSummary {
  return {
    id: s.id,
    name: s.name,
    ownerId: s.ownerId,
    active: s.active,
    // Both columns are written only after validation against these schemas.
    schedule: s.schedule as Schedule,
    ruleset: s.ruleset as Ruleset,
    createdAt: s.createdAt.toISOString(),
    updatedAt: s.updatedAt.toISOString(),
  };
}

export function toEnrollmentSummary(e: typeof enrollments.$inferSelect): Enrollment {
  return {
    id: e.id,
    sequenceId: e.sequenceId,
    contactId: e.contactId,
    status: e.status,
    currentStep: e.currentStep,
    ...opt('nextRunAt', iso(e.nextRunAt)),
    ...opt('pausedReason', e.pausedReason),
    ...opt('resumeAt', iso(e.resumeAt)),
    ...opt('finishedReason', e.finishedReason),
    mailboxIds: e.mailboxIds,
    createdAt: e.createdAt.toISOString(),
    updatedAt: e.updatedAt.toISOString(),
  };
}

export function toEmailSummary(m: typeof emails.$inferSelect): Email {
  return {
    id: m.id,
    enrollmentId: m.enrollmentId,
    contactId: m.contactId,
    stepId: m.stepId,
    mailboxId: m.mailboxId,
    status: m.status,
    ...opt('reason', m.reason as NotSentCode | null),
    ...opt('detail', m.detail),
    ...opt('waitingFor', m.waitingFor),
    ...opt('waitReason', m.status === 'scheduled' ? (m.waitReason as WaitReason | null) : null),
    ...opt('waitDetail', m.status === 'scheduled' ? m.waitDetail : null),
    ...opt('scheduledAt', iso(m.scheduledAt)),
    ...opt('subject', m.subject),
    ...opt('messageId', m.messageId),
    ...opt('threadId', m.threadId),
    ...opt('sentAt', iso(m.sentAt)),
  };
}

export function toTaskSummary(t: typeof tasks.$inferSelect): Task {
  return {
    id: t.id,
    type: t.type,
    status: t.status,
    contactId: t.contactId,
    ...opt('enrollmentId', t.enrollmentId),
    ...opt('sequenceId', t.sequenceId),
    ...opt('stepId', t.stepId),
    ownerId: t.ownerId,
    dueAt: t.dueAt.toISOString(),
    ...opt('note', t.note),
  };
}
