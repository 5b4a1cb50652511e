import type { ActivityKind } from '../../shared/enums';
import { insertRows } from '../db/bulk';
import type { Db, Tx } from '../db/client';
import { newId } from '../db/ids';
import { activities } from '../db/schema';

export interface ActivityInput {
  teamId: string;
  kind: ActivityKind;
  contactId?: string | null;
  enrollmentId?: string | null;
  emailId?: string | null;
  actorId?: string | null;
  data?: Record<string, unknown>;
  at: Date;
}

/**
 * History is append-only and written in the same transaction as the change it explains. Rows go as
 * one JSON parameter: the scheduler writes a few hundred per wave, and one bound parameter per cell
 * cost more CPU than the database spent on the insert.
 */
export async function recordActivity(db: Db | Tx, input: ActivityInput | ActivityInput[]): Promise<void> {
  const list = Array.isArray(input) ? input : [input];
  if (list.length === 0) return;
  await insertRows(
    db,
    activities,
    list.map((a) => ({
      id: newId('act', a.at.getTime()),
      teamId: a.teamId,
      kind: a.kind,
      contactId: a.contactId ?? null,
      enrollmentId: a.enrollmentId ?? null,
      emailId: a.emailId ?? null,
      actorId: a.actorId ?? null,
      data: a.data ?? {},
      createdAt: a.at,
    })),
  );
}
