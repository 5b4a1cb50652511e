import type { Db } from '../../db/client';
import type { emails } from '../../db/schema';
import { loadSnapshots } from '../send-guard/load-snapshots';
import { subjectFor } from './render-subject';

type EmailRow = typeof emails.$inferSelect;

/** States whose row still holds the template: the rendered subject is stored only once a send goes out. */
const UNSENT = new Set<EmailRow['status']>(['scheduled', 'not_sent']);

/**
 * The subject each unsent email would go out with if it were sent now, rendered from the same
 * snapshot and code the scheduler uses (so a rep reads "Hi Dana", not "Hi {{firstName}}"). Contact
 * data can still change before the send; sent emails keep the subject they went out with.
 */
export async function previewSubjects(
  db: Db,
  rows: ReadonlyArray<{ email: EmailRow; enrollment: { userId: string; sequenceId: string } | null }>,
): Promise<Map<string, string>> {
  const pending = rows.filter(
    (r): r is { email: EmailRow; enrollment: { userId: string; sequenceId: string } } =>
      r.enrollment !== null && UNSENT.has(r.email.status) && r.email.sentAt === null,
  );
  const snapshots = await loadSnapshots(
    db,
    pending.map(({ email, enrollment }) => ({
      key: email.id,
      emailId: email.id,
      teamId: email.teamId,
      contactId: email.contactId,
      actingUserId: enrollment.userId,
      mailboxId: email.mailboxId,
      sequenceId: enrollment.sequenceId,
      stepId: email.stepId,
      variantId: email.variantId,
      draft: email.bodyOverride !== null ? { subject: email.subject, body: email.bodyOverride } : null,
    })),
  );
  const out = new Map<string, string>();
  for (const { email } of pending) {
    const snapshot = snapshots.get(email.id);
    if (snapshot) out.set(email.id, subjectFor(snapshot, email.subject));
  }
  return out;
}
