import type { ClaimedEmail, DueRow } from '../../../../server/scheduler/claim-types';

/** Mon–Fri 09:00–17:00 UTC unless the contact's zone is used. */
export const weekdays = {
  timezone: 'UTC',
  useContactTimezone: false,
  windows: [{ days: [1, 2, 3, 4, 5], start: '09:00', end: '17:00' }],
};

/** A due row as the claim's SQL returns it, for the pure decisions' tests. */
export function dueRow(
  id: string,
  patch: {
    email?: Partial<ClaimedEmail>;
    schedule?: unknown;
    timezone?: string | null;
    contactEmail?: string | null;
    mailboxIds?: string[];
    sequenceId?: string;
  } = {},
): DueRow {
  return {
    email: {
      id,
      teamId: 't1',
      enrollmentId: `enr-${id}`,
      contactId: `c-${id}`,
      stepId: 's1',
      mailboxId: null,
      subject: null,
      messageId: `<${id}@stride.test>`,
      threadId: null,
      inReplyTo: null,
      references: null,
      bodyOverride: null,
      variantId: null,
      forceSend: false,
      scheduledAt: null,
      dueAt: null,
      attempts: 0,
      waitingFor: null,
      ...patch.email,
    },
    enrollment: {
      id: `enr-${id}`,
      userId: 'u1',
      sequenceId: patch.sequenceId ?? 'q1',
      mailboxIds: patch.mailboxIds ?? ['m1'],
    },
    schedule: patch.schedule ?? weekdays,
    timezone: patch.timezone ?? null,
    contactEmail: patch.contactEmail === undefined ? `${id}@example.com` : patch.contactEmail,
  };
}
