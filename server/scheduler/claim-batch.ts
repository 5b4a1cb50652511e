import { randomUUID } from 'node:crypto';
import type { Db, Tx } from '../db/client';
import { loadSnapshots } from '../domain/send-guard/load-snapshots';
import type { ClaimedSend, DueRow } from './claim-types';
import {
  type Approved,
  capacityRequests,
  decideGuards,
  nextSendAtByMailbox,
  splitByCapacity,
} from './decide-claims';
import { decideWindows } from './decide-window';
import { assignMailboxes, queueTails } from './mailbox-capacity';
import type { SchedulerConfig } from './scheduler-config';
import { deferEmails } from './sql/defer-emails';
import { lockMailboxLoads, type MailboxRow } from './sql/lock-mailboxes';
import { markSending } from './sql/mark-sending';
import { preferKeyedPlans } from './sql/prefer-keyed-plans';
import { refuseEmails } from './sql/refuse-emails';
import { selectDueEmails } from './sql/select-due-emails';
import { setMailboxNextSendAt } from './sql/set-mailbox-next-send-at';
import { setMailboxQueuedUntil } from './sql/set-mailbox-queued-until';

export type { ClaimedEmail, ClaimedSend } from './claim-types';

/**
 * Phase one of a send, in one short transaction: lock due emails, lock their mailboxes so caps hold
 * across workers, then decide for each email: re-slot (outside a window or stale), wait for mailbox
 * capacity, not_sent with every guard reason, or claim it (status `sending`, a fresh attempt id, a
 * lease). The decisions are pure (decide-*, mailbox-capacity); each kind is written in one statement
 * for the whole batch. No provider is called here.
 */
export async function claimBatch(
  db: Db,
  now: Date,
  config: SchedulerConfig,
  random: () => number = Math.random,
  opts: { dispatchFirst?: number } = {},
): Promise<ClaimedSend[]> {
  return db.transaction(async (tx) => {
    // Issued together, these statements travel in one round trip (postgres.js pipelines them) and the
    // server still runs them in the order issued: the plan settings hold before the due rows are read.
    const [, due] = await Promise.all([preferKeyedPlans(tx), selectDueEmails(tx, now, config.batchSize)]);
    if (due.length === 0) return [];

    const windows = decideWindows(due, now, config.maxLatenessMinutes);
    const { requests, mailboxIds, domains } = capacityRequests(windows.sendable);
    const { boxes, loads } = await lockMailboxLoads(tx, mailboxIds, now, domains);
    const assigned = assignMailboxes(now, loads, requests, random);
    const decisions = new Map(assigned.map((d) => [d.key, d]));
    const capacity = splitByCapacity(windows.sendable, decisions);

    const snapshots = await loadSnapshots(
      tx,
      capacity.toCheck.map(({ row, mailboxId }) => ({
        key: row.email.id,
        emailId: row.email.id,
        teamId: row.email.teamId,
        contactId: row.email.contactId,
        actingUserId: row.enrollment.userId,
        mailboxId,
        sequenceId: row.enrollment.sequenceId,
        stepId: row.email.stepId,
        variantId: row.email.variantId,
        draft:
          row.email.bodyOverride !== null
            ? { subject: row.email.subject, body: row.email.bodyOverride }
            : null,
        thread: { previousMessageId: row.email.inReplyTo, threadId: row.email.threadId },
      })),
    );
    const boxById = new Map(boxes.map((b) => [b.id, b]));
    const { refused, held, byMailbox } = decideGuards(
      capacity.toCheck,
      snapshots,
      (id) => boxById.has(id),
      now,
    );
    // Every write of the claim at once: each touches its own rows (all locked above), so none depends
    // on another's result, and issued together they cost one round trip instead of one each. Each
    // skips itself when it has nothing to write. Every deferral (window, capacity, owner) is one
    // statement, so no email row is written twice.
    const [, , , , claimed] = await Promise.all([
      deferEmails(tx, [...windows.deferred, ...capacity.deferred, ...held], now),
      refuseEmails(tx, refused, now),
      setMailboxNextSendAt(tx, nextSendAtByMailbox(byMailbox, decisions)),
      setMailboxQueuedUntil(tx, queueTails(assigned)),
      claim(tx, byMailbox, boxById, now, config.leaseMs, opts.dispatchFirst ?? 0),
    ]);
    return claimed;
  });
}

/**
 * Marks the approved emails `sending` and builds what dispatch needs. One attempt id per batch: each
 * email is claimed by exactly one batch per attempt, which is all the outcome guard needs. The claimed
 * emails are the locked rows plus the values just written, so they are not read back. The first
 * `dispatchFirst` claims (in the order returned) are marked dispatched in the same statement: the
 * worker sends them right after this commits, as it would after a separate markDispatched.
 */
async function claim(
  tx: Tx,
  byMailbox: ReadonlyMap<string, Approved<DueRow>[]>,
  boxById: ReadonlyMap<string, MailboxRow>,
  now: Date,
  leaseMs: number,
  dispatchFirst: number,
): Promise<ClaimedSend[]> {
  const attemptId = randomUUID();
  const leaseUntil = new Date(now.getTime() + leaseMs);
  // The same order as the claims built below, so the first `dispatchFirst` rows are the first wave.
  const rows = [...byMailbox]
    .filter(([mailboxId]) => boxById.has(mailboxId))
    .flatMap(([mailboxId, group]) => group.map((g) => ({ id: g.row.email.id, mailboxId })));
  const written = await markSending(
    tx,
    rows.map((r, i) => ({ ...r, dispatched: i < dispatchFirst })),
    { attemptId, leaseUntil },
    now,
  );
  const claimed: ClaimedSend[] = [];
  for (const [mailboxId, group] of byMailbox) {
    const box = boxById.get(mailboxId);
    if (!box) continue;
    for (const { row, snapshot } of group) {
      const columns = written.get(row.email.id);
      if (!columns) continue;
      claimed.push({
        email: { ...row.email, mailboxId, attempts: columns.attempts },
        attemptId,
        teamId: row.email.teamId,
        enrollmentId: row.enrollment.id,
        snapshot,
        mailbox: box,
      });
    }
  }
  return claimed;
}
