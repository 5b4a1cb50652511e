import { enrollmentWarningCatalog } from '../../../shared/send-guard/catalog';
import { loadSequenceFor } from '../../auth/access';
import { inList } from '../../db/bulk';
import type { Db } from '../../db/client';
import { enrollments } from '../../db/schema';
import type { Actor } from '../actor';
import type { BulkChange } from './bulk-lifecycle';
import { enrollContacts } from './enroll';

const messages: Record<string, string> = {
  not_found: 'contact not found',
  sequence_completed: 'the contact has already been through every step of this sequence',
  ...Object.fromEntries(Object.entries(enrollmentWarningCatalog).map(([code, w]) => [code, w.message])),
};

/**
 * The bulk `reenroll`: each removed or finished enrollment's contact is enrolled again in its
 * sequence through the enroll path itself (enroll.ts, `againOnly`), so the checks, warnings, the
 * carried-on step, the plan of that step and the `enrollment.reenrolled` history row are those of
 * enrolling again; each keeps its own mailboxes. One enroll call (one transaction) per sequence.
 * A running enrollment is a conflict; a warning refuses the id with the warning's code unless
 * `skipValidation`.
 */
export async function reenrollMany(
  db: Db,
  user: Actor,
  ids: readonly string[],
  skipValidation: boolean,
  now: Date,
): Promise<Map<string, BulkChange>> {
  const out = new Map<string, BulkChange>();
  if (ids.length === 0) return out;
  const rows = await db
    .select({
      id: enrollments.id,
      sequenceId: enrollments.sequenceId,
      contactId: enrollments.contactId,
      status: enrollments.status,
    })
    .from(enrollments)
    .where(inList(enrollments.id, ids));
  const bySequence = new Map<string, typeof rows>();
  // Appended in place: copying the group for every row was quadratic (50 million copies at 10,000).
  for (const r of rows) {
    const group = bySequence.get(r.sequenceId);
    if (group) group.push(r);
    else bySequence.set(r.sequenceId, [r]);
  }
  for (const [sequenceId, group] of bySequence) {
    const { sequence } = await loadSequenceFor(db, user, sequenceId, 'edit');
    const byContact = new Map(group.map((r) => [r.contactId, r]));
    const result = await enrollContacts(
      db,
      user,
      sequence,
      { contactIds: group.map((r) => r.contactId), skipValidation, againOnly: true },
      now,
    );
    for (const row of result.enrollments) out.set(row.id, { ok: true, row });
    for (const { contactId, code } of result.rejected) {
      const e = byContact.get(contactId);
      if (!e) continue;
      out.set(
        e.id,
        code === 'already_in_sequence'
          ? {
              ok: false,
              code: 'conflict',
              message: `only a removed or finished enrollment can be re-enrolled (this one is ${e.status})`,
            }
          : { ok: false, code, message: messages[code] ?? code },
      );
    }
  }
  for (const id of ids)
    if (!out.has(id))
      out.set(id, { ok: false, code: 'conflict', message: 'the enrollment no longer exists' });
  return out;
}
