import { asc, type SQL, sql } from 'drizzle-orm';
import { effectiveDailyLimit } from '../../../shared/schedule/pacing';
import { inList } from '../../db/bulk';
import type { Tx } from '../../db/client';
import { executePrepared, runPrepared } from '../../db/prepared';
import { mailboxes } from '../../db/schema';
import { type MailboxLoad, type WindowLoad, windowLoad } from '../mailbox-capacity';

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
  recipientDomains: readonly string[] = [],
): Promise<{ boxes: MailboxRow[]; loads: MailboxLoad[] }> {
  if (ids.length === 0) return { boxes: [], loads: [] };
  const boxes = await runPrepared(
    tx.select().from(mailboxes).where(inList(mailboxes.id, ids)).orderBy(asc(mailboxes.id)).for('update'),
    'scheduler_lock_mailboxes',
  );
  if (boxes.length === 0) return { boxes, loads: [] };
  const holding = sql.join(
    CLAIM_HOLDING_STATUSES.map((s) => sql`${s}`),
    sql`, `,
  );
  const t = now.getTime();
  // Today's daily cap per mailbox (ramp-up lowers it): the anchor of a full day is found with it.
  const dailyCaps = new Map(
    boxes.map((b) => [b.id, effectiveDailyLimit(b.dailyLimit, b.rampUp, b.timezone, now).limit]),
  );
  const dailyCap = sql`(${JSON.stringify(Object.fromEntries(dailyCaps))}::jsonb ->> m.id)::int`;
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
  const rows = await executePrepared<{
    id: string;
    hour_count: number;
    hour_anchor: number | null;
    day_count: number;
    day_anchor: number | null;
  }>(
    tx,
    sql`
      select m.id,
        w.hour_count, ${epochMs(sql`coalesce(${capthRecent(hourAgo, sql`w.hour_count`, sql`m.hourly_limit`)}, w.hour_oldest)`)} as hour_anchor,
        w.day_count, ${epochMs(sql`coalesce(${capthRecent(dayAgo, sql`w.day_count`, dailyCap)}, w.day_oldest)`)} as day_anchor
      from mailboxes m
      cross join lateral (
        select count(*)::int as day_count, min(e.claimed_at) as day_oldest,
          (count(*) filter (where e.claimed_at > ${hourAgo}))::int as hour_count,
          min(e.claimed_at) filter (where e.claimed_at > ${hourAgo}) as hour_oldest
        ${claimsSince(dayAgo)}
      ) w
      where ${inList(
        sql`m.id`,
        boxes.map((b) => b.id),
      )}`,
    'scheduler_mailbox_loads',
  );
  const byId = new Map(rows.map((r) => [r.id, r]));
  const at = (ms: number | null) => (ms === null ? null : new Date(Number(ms)));
  const domainLoads = await loadRecipientDomains(tx, boxes, recipientDomains, dayAgo, holding);
  const loads = boxes.map((b): MailboxLoad => {
    const r = byId.get(b.id);
    const paced = b.rampUp !== null || b.minGapSeconds > 0 || b.recipientDomainDailyLimit !== null;
    return {
      id: b.id,
      active: b.status === 'active',
      hourlyLimit: b.hourlyLimit,
      dailyLimit: dailyCaps.get(b.id) ?? b.dailyLimit,
      hour: { count: Number(r?.hour_count ?? 0), anchor: at(r?.hour_anchor ?? null) },
      day: { count: Number(r?.day_count ?? 0), anchor: at(r?.day_anchor ?? null) },
      ...(paced && {
        pacing: {
          fullDailyLimit: b.dailyLimit,
          minGapSeconds: b.minGapSeconds,
          nextSendAt: b.nextSendAt,
          queuedUntil: b.queuedUntil,
          recipientDomainDailyLimit: b.recipientDomainDailyLimit,
          domains: domainLoads.get(b.id) ?? new Map(),
        },
      }),
    };
  });
  return { boxes, loads };
}

/** The recipient domain of an address in SQL: what follows the last @, lower-cased (as recipientDomain). */
export const recipientDomainSql = (email: SQL) => sql`lower(trim(substring(${email} from '[^@]*$')))`;

/**
 * Claims of the last 24 hours per (mailbox, recipient domain), for the mailboxes with a per-domain cap
 * and only the domains this batch sends to. A domain's claims are few (the cap bounds them), so their
 * times are read whole and summed up like the mailbox's own windows.
 */
async function loadRecipientDomains(
  tx: Tx,
  boxes: readonly MailboxRow[],
  domains: readonly string[],
  dayAgo: SQL,
  holding: SQL,
): Promise<Map<string, Map<string, WindowLoad>>> {
  const capped = boxes.filter((b) => b.recipientDomainDailyLimit !== null);
  const out = new Map<string, Map<string, WindowLoad>>();
  if (capped.length === 0 || domains.length === 0) return out;
  const rows = await executePrepared<{ mailbox_id: string; domain: string; times: string }>(
    tx,
    sql`
      select e.mailbox_id, ${recipientDomainSql(sql`c.email`)} as domain,
        string_agg(${epochMs(sql`e.claimed_at`)}::text, ',') as times
      from emails e join contacts c on c.id = e.contact_id
      where ${inList(
        sql`e.mailbox_id`,
        capped.map((b) => b.id),
      )}
        and e.claimed_at > ${dayAgo} and e.status in (${holding})
        and ${inList(recipientDomainSql(sql`c.email`), [...new Set(domains)])}
      group by 1, 2`,
    'scheduler_domain_loads',
  );
  const limitOf = new Map(capped.map((b) => [b.id, b.recipientDomainDailyLimit ?? 0]));
  for (const r of rows) {
    const times = r.times
      .split(',')
      .map(Number)
      .sort((a, b) => a - b);
    let perBox = out.get(r.mailbox_id);
    if (!perBox) {
      perBox = new Map();
      out.set(r.mailbox_id, perBox);
    }
    perBox.set(r.domain, windowLoad(times, limitOf.get(r.mailbox_id) ?? 0));
  }
  return out;
}
