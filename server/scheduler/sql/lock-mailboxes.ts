import { getTableColumns, type SQL, sql } from 'drizzle-orm';
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
 * stay true) and sums up their claims of the last hour and day, and of the batch's recipient domains.
 * The sums are separate statements after the lock: in READ COMMITTED a statement reads from the moment
 * it starts, so counts read in the locking statement itself could predate a claim the previous holder
 * of the lock committed while this one waited. They are sent without waiting for the lock's answer
 * (postgres.js pipelines them): the server still runs them in order, each starting after the lock is
 * held, so the guarantee is the same and the three cost one round trip instead of three. Nothing they
 * read may therefore come from the lock's rows in JS: each reads the mailbox row it needs in SQL.
 */
export async function lockMailboxLoads(
  tx: Tx,
  ids: readonly string[],
  now: Date,
  recipientDomains: readonly string[] = [],
): Promise<{ boxes: MailboxRow[]; loads: MailboxLoad[] }> {
  if (ids.length === 0) return { boxes: [], loads: [] };
  // Every claim locks in this one order (JS string order), so two workers never deadlock. The lock
  // follows the list (its ordinality is already in order), never `order by id`: with sorts priced out
  // (preferKeyedPlans) that walked the whole primary key to find a batch's mailboxes, 60 ms at 3,000
  // mailboxes, growing with the table.
  const sorted = [...new Set(ids)].sort();
  const list = sql`jsonb_array_elements_text(${JSON.stringify(sorted)}::jsonb) with ordinality as l(id, ord)`;
  const [boxes, rows, domainRows] = await Promise.all([
    runPrepared(
      tx
        .select(getTableColumns(mailboxes))
        .from(mailboxes)
        .innerJoin(list, sql`${mailboxes.id} = l.id`)
        .orderBy(sql`l.ord`)
        .for('update', { of: mailboxes }),
      'scheduler_lock_mailboxes',
    ),
    windowSums(tx, ids, now, {}),
    loadRecipientDomains(tx, ids, recipientDomains, now),
  ]);
  if (boxes.length === 0) return { boxes, loads: [] };
  // Today's daily cap per mailbox (ramp-up lowers it). The pipelined sums found a full day's anchor
  // with the mailbox's own daily limit; a ramping mailbox already at today's lower cap needs it found
  // with that cap, which is rare (a ramping mailbox that filled its day), so it costs a trip only then.
  const dailyCaps = new Map(
    boxes.map((b) => [b.id, effectiveDailyLimit(b.dailyLimit, b.rampUp, b.timezone, now).limit]),
  );
  const byId = new Map(rows.map((r) => [r.id, r]));
  const refind = boxes.filter((b) => {
    const cap = dailyCaps.get(b.id) ?? b.dailyLimit;
    return cap < b.dailyLimit && Number(byId.get(b.id)?.day_count ?? 0) >= cap;
  });
  if (refind.length > 0) {
    const caps = Object.fromEntries(refind.map((b) => [b.id, dailyCaps.get(b.id) ?? b.dailyLimit]));
    for (const r of await windowSums(
      tx,
      refind.map((b) => b.id),
      now,
      caps,
    ))
      byId.set(r.id, r);
  }
  const domainLoads = domainWindows(boxes, domainRows);
  const at = (ms: number | null) => (ms === null ? null : new Date(Number(ms)));
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

interface WindowSumRow {
  id: string;
  hour_count: number;
  hour_anchor: number | null;
  day_count: number;
  day_anchor: number | null;
}

const holding = sql.join(
  CLAIM_HOLDING_STATUSES.map((s) => sql`${s}`),
  sql`, `,
);

/**
 * Each mailbox's claims of the last hour and day: counts and anchors. `dailyCaps` gives a mailbox's
 * daily cap for today when it is not the mailbox's own daily limit (ramp-up).
 */
function windowSums(
  tx: Tx,
  ids: readonly string[],
  now: Date,
  dailyCaps: Readonly<Record<string, number>>,
): Promise<WindowSumRow[]> {
  const t = now.getTime();
  const dailyCap = sql`coalesce((${JSON.stringify(dailyCaps)}::jsonb ->> m.id)::int, m.daily_limit)`;
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
  return executePrepared<WindowSumRow>(
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
      where ${inList(sql`m.id`, ids)}`,
    'scheduler_mailbox_loads',
  );
}

/** The recipient domain of an address in SQL: what follows the last @, lower-cased (as recipientDomain). */
export const recipientDomainSql = (email: SQL) => sql`lower(trim(substring(${email} from '[^@]*$')))`;

interface DomainRow {
  mailbox_id: string;
  domain: string;
  times: string;
}

/**
 * Claims of the last 24 hours per (mailbox, recipient domain), for the mailboxes with a per-domain cap
 * (read in SQL: this runs pipelined behind the lock) and only the domains this batch sends to. A
 * domain's claims are few (the cap bounds them), so their times are read whole.
 */
function loadRecipientDomains(
  tx: Tx,
  ids: readonly string[],
  domains: readonly string[],
  now: Date,
): Promise<DomainRow[]> {
  if (domains.length === 0) return Promise.resolve([]);
  const dayAgo = sql`${new Date(now.getTime() - DAY_MS).toISOString()}::timestamptz`;
  return executePrepared<DomainRow>(
    tx,
    sql`
      select e.mailbox_id, ${recipientDomainSql(sql`c.email`)} as domain,
        string_agg(${epochMs(sql`e.claimed_at`)}::text, ',') as times
      from emails e join contacts c on c.id = e.contact_id
      where e.mailbox_id in (
          select m.id from mailboxes m
          where ${inList(sql`m.id`, ids)} and m.recipient_domain_daily_limit is not null)
        and e.claimed_at > ${dayAgo} and e.status in (${holding})
        and ${inList(recipientDomainSql(sql`c.email`), [...new Set(domains)])}
      group by 1, 2`,
    'scheduler_domain_loads',
  );
}

/** The domain claims summed up like the mailbox's own windows, against each mailbox's domain cap. */
function domainWindows(
  boxes: readonly MailboxRow[],
  rows: readonly DomainRow[],
): Map<string, Map<string, WindowLoad>> {
  const limitOf = new Map(boxes.map((b) => [b.id, b.recipientDomainDailyLimit]));
  const out = new Map<string, Map<string, WindowLoad>>();
  for (const r of rows) {
    const limit = limitOf.get(r.mailbox_id);
    if (limit == null) continue;
    const times = r.times
      .split(',')
      .map(Number)
      .sort((a, b) => a - b);
    let perBox = out.get(r.mailbox_id);
    if (!perBox) {
      perBox = new Map();
      out.set(r.mailbox_id, perBox);
    }
    perBox.set(r.domain, windowLoad(times, limit));
  }
  return out;
}
