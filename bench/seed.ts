import type { Db } from '../server/db/client';
import { newId } from '../server/db/ids';
import { contacts, emails, enrollments, mailboxes, sequences, steps } from '../server/db/schema';

export const ALL_WEEK = {
  timezone: 'UTC',
  useContactTimezone: true,
  windows: [{ days: [1, 2, 3, 4, 5, 6, 7], start: '00:00', end: '24:00' }],
};

/** Contacts inserted directly, in chunks: setup for benchmarks, not what is measured. */
export async function seedContacts(db: Db, teamId: string, n: number, prefix: string): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < n; i += 1000) {
    const rows = Array.from({ length: Math.min(1000, n - i) }, (_, k) => {
      const id = newId('con');
      ids.push(id);
      const email = `${prefix}${i + k}@prospect${(i + k) % 97}.test`;
      return {
        id,
        teamId,
        email,
        emailLower: email,
        firstName: `P${i + k}`,
        emailStatus: 'verified' as const,
        timezone: 'America/New_York',
        prospectScore: (i + k) % 100,
      };
    });
    await db.insert(contacts).values(rows);
  }
  return ids;
}

export async function seedMailboxes(
  db: Db,
  teamId: string,
  userId: string,
  n: number,
  prefix = 'sender',
): Promise<string[]> {
  const rows = Array.from({ length: n }, (_, i) => ({
    id: newId('mbx'),
    teamId,
    userId,
    provider: 'sandbox' as const,
    address: `${prefix}${i}@bench.test`,
    hourlyLimit: 1000,
    dailyLimit: 5000,
  }));
  await db.insert(mailboxes).values(rows);
  return rows.map((r) => r.id);
}

/** A one-step sequence whose every contact has its email due now: the scheduler's backlog. */
export async function seedDueSends(
  db: Db,
  o: { teamId: string; userId: string; contactIds: string[]; mailboxIds: string[]; now: Date },
): Promise<void> {
  const sequenceId = newId('seq');
  const stepId = newId('stp');
  await db.insert(sequences).values({
    id: sequenceId,
    teamId: o.teamId,
    ownerId: o.userId,
    name: 'Bench',
    active: true,
    schedule: ALL_WEEK,
    ruleset: {
      bounceProtection: true,
      unverifiedProtection: true,
      gdprBlockEu: true,
      blockedContactStages: ['Customer'],
    },
  });
  await db.insert(steps).values({
    id: stepId,
    sequenceId,
    position: 1,
    type: 'auto_email',
    subject: 'Hi {{firstName}}',
    body: 'Hello {{firstName}}',
  });
  for (let i = 0; i < o.contactIds.length; i += 1000) {
    const chunk = o.contactIds
      .slice(i, i + 1000)
      .map((contactId) => ({ contactId, enrollmentId: newId('enr') }));
    await db.insert(enrollments).values(
      chunk.map((c) => ({
        id: c.enrollmentId,
        teamId: o.teamId,
        sequenceId,
        contactId: c.contactId,
        userId: o.userId,
        mailboxIds: o.mailboxIds,
        status: 'active' as const,
        stepAnchorAt: o.now,
      })),
    );
    await db.insert(emails).values(
      chunk.map((c) => ({
        id: newId('eml'),
        teamId: o.teamId,
        enrollmentId: c.enrollmentId,
        contactId: c.contactId,
        stepId,
        status: 'scheduled' as const,
        scheduledAt: o.now,
        dueAt: o.now,
        subject: 'Hi {{firstName}}',
        messageId: `<${c.enrollmentId}@bench.test>`,
      })),
    );
  }
}
