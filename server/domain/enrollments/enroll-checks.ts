import { and, count, eq, inArray } from 'drizzle-orm';
import { effectiveDailyLimit } from '../../../shared/schedule/pacing';
import { spreadOf, windowHoursPerDay } from '../../../shared/schedule/send-estimate';
import type { EnrollResult } from '../../../shared/schemas/enrollment';
import type { EnrollmentSnapshot } from '../../../shared/send-guard/engine';
import type { Tx } from '../../db/client';
import { emails, mailboxes, snippets } from '../../db/schema';
import type { Actor } from '../actor';
import { type SequenceRow, type StepRow, scheduleOf } from '../sequences/dto';

const emailTypes = new Set(['auto_email', 'manual_email']);

/**
 * What the first email a new contact would get draws on: the step, the team's snippets, the sender
 * and the first mailbox of the pool (signature, booking link), so enrolling can name the variables a
 * contact lacks before they go in.
 */
export async function firstEmailContext(
  tx: Tx,
  user: Actor,
  stepRows: readonly StepRow[],
  pool: readonly string[],
): Promise<Pick<EnrollmentSnapshot, 'step' | 'snippets' | 'sender' | 'mailbox'>> {
  const step = stepRows.find((s) => s.active && emailTypes.has(s.type));
  if (!step) return {};
  const snippetRows = await tx
    .select({ name: snippets.name, body: snippets.body })
    .from(snippets)
    .where(eq(snippets.teamId, user.teamId));
  const [box] = pool[0] ? await tx.select().from(mailboxes).where(eq(mailboxes.id, pool[0])) : [undefined];
  return {
    step: {
      id: step.id,
      type: step.type,
      active: step.active,
      threadMode: step.threadMode,
      subject: step.subject,
      body: step.body,
    },
    snippets: Object.fromEntries(snippetRows.map((s) => [s.name, s.body])),
    sender: { id: user.id, name: user.name, email: box?.address ?? user.email },
    mailbox: box
      ? {
          id: box.id,
          status: box.status,
          inactiveReason: box.inactiveReason,
          signature: box.signature,
          meetingLink: box.meetingLink,
        }
      : null,
  };
}

type Notice = NonNullable<EnrollResult['notices']>[number];

/** Each mailbox of the pool with how many emails wait in its queue, read before anything is written. */
export interface MailboxQueues {
  boxes: (typeof mailboxes.$inferSelect)[];
  queued: ReadonlyMap<string, number>;
}

/**
 * The pool's mailboxes and their queues, for spreadNotices. Read before the new first emails are
 * written, so those do not count as already queued. Only sequences that send automatic emails need
 * them (null otherwise).
 */
export async function loadMailboxQueues(
  tx: Tx,
  stepRows: readonly StepRow[],
  pool: readonly string[],
): Promise<MailboxQueues | null> {
  if (!stepRows.some((s) => s.active && s.type === 'auto_email') || pool.length === 0) return null;
  const ids = [...new Set(pool)];
  const [boxes, queuedRows] = await Promise.all([
    tx.select().from(mailboxes).where(inArray(mailboxes.id, ids)),
    tx
      .select({ mailboxId: emails.mailboxId, n: count() })
      .from(emails)
      .where(and(inArray(emails.mailboxId, ids), eq(emails.status, 'scheduled')))
      .groupBy(emails.mailboxId),
  ]);
  return { boxes, queued: new Map(queuedRows.map((r) => [r.mailboxId ?? '', Number(r.n)])) };
}

/**
 * `sends_spread_over_days` for each mailbox whose queue plus the emails this enrollment adds will take
 * more than one sending day at its caps (today's daily limit with ramp-up, the hourly limit over the
 * sequence's window hours).
 */
export function spreadNotices(
  queues: MailboxQueues | null,
  sequence: SequenceRow,
  addingByMailbox: ReadonlyMap<string, number>,
  now: Date,
): Notice[] {
  if (!queues || addingByMailbox.size === 0) return [];
  const windowHours = windowHoursPerDay(scheduleOf(sequence).windows);
  const out: Notice[] = [];
  for (const b of queues.boxes) {
    const adding = addingByMailbox.get(b.id) ?? 0;
    if (adding === 0) continue;
    const waiting = queues.queued.get(b.id) ?? 0;
    const dailyLimit = effectiveDailyLimit(b.dailyLimit, b.rampUp, b.timezone, now).limit;
    const spread = spreadOf({ dailyLimit, hourlyLimit: b.hourlyLimit, windowHours }, waiting, adding);
    if (spread.days > 1)
      out.push({
        code: 'sends_spread_over_days',
        mailboxId: b.id,
        address: b.address,
        perDay: spread.perDay,
        queued: waiting,
        adding,
        days: spread.days,
      });
  }
  return out;
}
