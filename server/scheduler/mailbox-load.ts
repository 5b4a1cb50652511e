import { asc, inArray, type SQL, sql } from 'drizzle-orm';
import type { Tx } from '../db/client';
import { rowsOf } from '../db/rows';
import { mailboxes } from '../db/schema';
import type { MailboxLoad } from './mailbox-capacity';

export type MailboxRow = typeof mailboxes.$inferSelect;

/** An email in one of these holds a slot of its mailbox's caps; retried and refused ones gave it back. */
export const CLAIM_HOLDING_STATUSES = ['sending', 'sent', 'bounced', 'unknown'] as const;

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

/** Epoch milliseconds: both drivers return a float8 as a number, while timestamps come back as text. */
const epochMs = (expr: SQL) => sql`(extract(epoch from ${expr}) * 1000)::float8`;

/**
 * Locks the mailboxes (in id order, so two workers never deadlock; held until commit so the counts
 * stay true) and then sums up their claims of the last hour and day, in a second statement: in READ
 * COMMITTED a statement reads from the moment it starts, so counts read in the locking statement
 * itself could predate a claim the previous holder of the lock committed while this one waited.
 */
export async function lockMailboxLoads(
  tx: Tx,
  ids: readonly string[],
  now: Date,
): Promise<{ boxes: MailboxRow[]; loads: MailboxLoad[] }> {
  if (ids.length === 0) return { boxes: [], loads: [] };
  const boxes = await tx
    .select()
    .from(mailboxes)
    .where(inArray(mailboxes.id, [...ids]))
    .orderBy(asc(mailboxes.id))
    .for('update');
  if (boxes.length === 0) return { boxes, loads: [] };
  const holding = sql.join(
    CLAIM_HOLDING_STATUSES.map((s) => sql`${s}`),
    sql`, `,
  );
  const t = now.getTime();
  const hourAgo = sql`${new Date(t - HOUR_MS).toISOString()}::timestamptz`;
  const dayAgo = sql`${new Date(t - DAY_MS).toISOString()}::timestamptz`;
  const claimsSince = (since: SQL) =>
    sql`from emails e where e.mailbox_id = m.id and e.claimed_at > ${since} and e.status in (${holding})`;
  // One pass over each mailbox's claims of the day counts both windows. The cap-th most recent claim
  // matters only to a full window, and finding it reads at most `cap` entries of the
  // (mailbox_id, claimed_at) index, so it is looked up only then.
  const capthRecent = (since: SQL, count: SQL, limit: SQL) => sql`case when ${count} >= ${limit} then (
      select e.claimed_at ${claimsSince(since)}
      order by e.claimed_at desc offset greatest(${limit} - 1, 0) limit 1) end`;
  const rows = rowsOf<{
    id: string;
    hour_count: number;
    hour_anchor: number | null;
    day_count: number;
    day_anchor: number | null;
  }>(
    await tx.execute(sql`
      select m.id,
        w.hour_count, ${epochMs(sql`coalesce(${capthRecent(hourAgo, sql`w.hour_count`, sql`m.hourly_limit`)}, w.hour_oldest)`)} as hour_anchor,
        w.day_count, ${epochMs(sql`coalesce(${capthRecent(dayAgo, sql`w.day_count`, sql`m.daily_limit`)}, w.day_oldest)`)} as day_anchor
      from mailboxes m
      cross join lateral (
        select count(*)::int as day_count, min(e.claimed_at) as day_oldest,
          (count(*) filter (where e.claimed_at > ${hourAgo}))::int as hour_count,
          min(e.claimed_at) filter (where e.claimed_at > ${hourAgo}) as hour_oldest
        ${claimsSince(dayAgo)}
      ) w
      where m.id in (select jsonb_array_elements_text(${JSON.stringify(boxes.map((b) => b.id))}::jsonb))`),
  );
  const byId = new Map(rows.map((r) => [r.id, r]));
  const at = (ms: number | null) => (ms === null ? null : new Date(Number(ms)));
  const loads = boxes.map((b): MailboxLoad => {
    const r = byId.get(b.id);
    return {
      id: b.id,
      active: b.status === 'active',
      hourlyLimit: b.hourlyLimit,
      dailyLimit: b.dailyLimit,
      hour: { count: Number(r?.hour_count ?? 0), anchor: at(r?.hour_anchor ?? null) },
      day: { count: Number(r?.day_count ?? 0), anchor: at(r?.day_anchor ?? null) },
    };
  });
  return { boxes, loads };
}
