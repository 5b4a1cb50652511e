import type { Enrollment } from '../../../shared/schemas/enrollment';
import type { EnrollmentRow } from './plan-step';

export function toEnrollmentDto(e: EnrollmentRow): Enrollment {
  return {
    id: e.id,
    sequenceId: e.sequenceId,
    contactId: e.contactId,
    status: e.status,
    currentStep: e.currentStep,
    ...(e.nextRunAt && { nextRunAt: e.nextRunAt.toISOString() }),
    ...(e.pausedReason && { pausedReason: e.pausedReason }),
    ...(e.resumeAt && { resumeAt: e.resumeAt.toISOString() }),
    ...(e.finishedReason && { finishedReason: e.finishedReason }),
    mailboxIds: e.mailboxIds,
    createdAt: e.createdAt.toISOString(),
    updatedAt: e.updatedAt.toISOString(),
  };
}
