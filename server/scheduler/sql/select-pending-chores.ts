import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { executePrepared } from '../../db/prepared';
import { iso } from './iso';

export interface PendingChores {
  /** Enrollments whose start date has come (still `scheduled`). */
  start: boolean;
  /** Paused enrollments whose resume date has come. */
  resume: boolean;
  /** `sending` emails whose lease expired. */
  recover: boolean;
}

/**
 * Whether each of the tick's chores has anything to do, in one prepared statement over their partial
 * indexes. Most ticks have none, and each chore on its own costs a transaction (three round trips),
 * which was a third of a busy tick's round trips.
 */
export async function selectPendingChores(db: Db, now: Date): Promise<PendingChores> {
  const at = sql`${iso(now)}::timestamptz`;
  const [row] = await executePrepared<PendingChores>(
    db,
    sql`select
      exists(select 1 from enrollments where status = 'scheduled' and step_anchor_at <= ${at}) as start,
      exists(select 1 from enrollments
        where status = 'paused' and resume_at is not null and resume_at <= ${at}) as resume,
      exists(select 1 from emails where status = 'sending' and lease_until <= ${at}) as recover`,
    'scheduler_pending_chores',
  );
  return { start: row?.start === true, resume: row?.resume === true, recover: row?.recover === true };
}
