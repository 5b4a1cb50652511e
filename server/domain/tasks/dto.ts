import type { Task } from '../../../shared/schemas/email';
import type { tasks } from '../../db/schema';

export type TaskRow = typeof tasks.$inferSelect;

export function toTaskDto(t: TaskRow): Task {
  return {
    id: t.id,
    type: t.type,
    status: t.status,
    contactId: t.contactId,
    ...(t.enrollmentId && { enrollmentId: t.enrollmentId }),
    ...(t.sequenceId && { sequenceId: t.sequenceId }),
    ...(t.stepId && { stepId: t.stepId }),
    ownerId: t.ownerId,
    dueAt: t.dueAt.toISOString(),
    ...(t.note && { note: t.note }),
    // Only an open task is snoozed; a stale value on a done one means nothing.
    ...(t.snoozedUntil && t.status === 'open' && { snoozedUntil: t.snoozedUntil.toISOString() }),
  };
}
