import { recipientDomain } from '../../shared/schedule/pacing';
import { evaluateSendGuards } from '../../shared/send-guard/engine';
import { OWNER_INACTIVE_RECHECK_MS, ownerWait } from '../../shared/send-guard/owner-wait';
import type { SendSnapshot } from '../../shared/send-guard/snapshot';
import type { Deferral, DueRow, Refusal } from './claim-types';
import type { CapacityDecision, CapacityRequest } from './mailbox-capacity';

/*
 * The claim's decisions after the window check, as pure functions over the locked rows: which
 * mailbox capacity is asked for, who waits for it, which emails the guards refuse, which go out from
 * which mailbox, and how far each mailbox's gap moves.
 */

/** What the capacity decision is asked: each sendable email's mailboxes and recipient domain. */
export function capacityRequests(sendable: readonly DueRow[]): {
  requests: CapacityRequest[];
  mailboxIds: string[];
  domains: string[];
} {
  const requests = sendable.map((r) => ({
    key: r.email.id,
    mailboxIds: r.enrollment.mailboxIds,
    domain: recipientDomain(r.contactEmail),
    returning: r.email.waitingFor === 'mailbox_capacity',
  }));
  const mailboxIds = [...new Set(sendable.flatMap((r) => r.enrollment.mailboxIds))].sort();
  const domains = [...new Set(requests.map((r) => r.domain))].filter((d): d is string => d !== null);
  return { requests, mailboxIds, domains };
}

export interface ToCheck<R extends DueRow = DueRow> {
  row: R;
  /** The mailbox the capacity decision assigned; null when none can ever send (the guards say why). */
  mailboxId: string | null;
}

/** Emails every candidate mailbox is holding wait for the earliest to free up; the rest go to the guards. */
export function splitByCapacity<R extends DueRow>(
  sendable: readonly R[],
  decisions: ReadonlyMap<string, CapacityDecision>,
): { deferred: Deferral[]; toCheck: ToCheck<R>[] } {
  const deferred: Deferral[] = [];
  const toCheck: ToCheck<R>[] = [];
  for (const row of sendable) {
    const d = decisions.get(row.email.id);
    if (d?.kind === 'wait') {
      deferred.push({
        id: row.email.id,
        dueAt: d.retryAt,
        scheduledAt: null,
        waitingFor: 'mailbox_capacity',
        waitReason: d.reason,
        waitDetail: d.detail,
      });
    } else {
      // With no active mailbox in the pool, its first one is still checked, so the email is held
      // as mailbox_inactive (fixable by reconnecting it), not as having no mailbox at all.
      toCheck.push({
        row,
        mailboxId: d?.kind === 'assigned' || d?.kind === 'no_mailbox' ? d.mailboxId : null,
      });
    }
  }
  return { deferred, toCheck };
}

export interface Approved<R extends DueRow = DueRow> {
  row: R;
  snapshot: SendSnapshot;
}

/** An email of a deactivated owner is not attempted; it is looked at again now and then until reassigned. */
const holdForOwner = (id: string, ownerId: string, now: Date): Deferral => ({
  id,
  dueAt: new Date(now.getTime() + OWNER_INACTIVE_RECHECK_MS),
  scheduledAt: null,
  waitingFor: 'owner_inactive',
  waitReason: null,
  waitDetail: `owner ${ownerId} is deactivated`,
});

/**
 * The send guards over each email's snapshot: refused emails with every reason, and the approved ones
 * grouped by the mailbox they go out from. An email without a usable mailbox is refused (its guard
 * reasons, or no_send_from_mailbox); one without a snapshot is left as it is. An email whose owner is
 * deactivated is held (`owner_inactive`) before any guard: it is not attempted, so not refused either.
 */
export function decideGuards<R extends DueRow>(
  toCheck: readonly ToCheck<R>[],
  snapshots: ReadonlyMap<string, SendSnapshot>,
  lockedMailbox: (id: string) => boolean,
  now: Date,
): { refused: Refusal[]; held: Deferral[]; byMailbox: Map<string, Approved<R>[]> } {
  const refused: Refusal[] = [];
  const held: Deferral[] = [];
  const byMailbox = new Map<string, Approved<R>[]>();
  for (const { row, mailboxId } of toCheck) {
    const snapshot = snapshots.get(row.email.id);
    if (!snapshot) continue;
    const owner = ownerWait(snapshot);
    if (owner) {
      held.push(holdForOwner(row.email.id, owner.detail, now));
      continue;
    }
    const verdict = evaluateSendGuards(snapshot, { now, force: row.email.forceSend });
    if (verdict.ok && mailboxId && lockedMailbox(mailboxId)) {
      const group = byMailbox.get(mailboxId);
      if (group) group.push({ row, snapshot });
      else byMailbox.set(mailboxId, [{ row, snapshot }]);
      continue;
    }
    refused.push({
      id: row.email.id,
      teamId: row.email.teamId,
      contactId: row.email.contactId,
      enrollmentId: row.enrollment.id,
      mailboxId,
      reasons: verdict.reasons.map((r) => r.code),
      detail: verdict.reasons.map((r) => (r.detail ? `${r.code}: ${r.detail}` : r.code)).join('; '),
    });
  }
  return { refused, held, byMailbox };
}

/**
 * Where each mailbox's gap moves: the latest next-send time among the claims that happened (a refused
 * email took no send from its mailbox, so it moves nothing).
 */
export function nextSendAtByMailbox(
  byMailbox: ReadonlyMap<string, readonly Approved[]>,
  decisions: ReadonlyMap<string, CapacityDecision>,
): Map<string, Date> {
  const nextSendAt = new Map<string, Date>();
  for (const [mailboxId, group] of byMailbox) {
    for (const { row } of group) {
      const d = decisions.get(row.email.id);
      const at = d?.kind === 'assigned' ? d.nextSendAt : undefined;
      const prev = nextSendAt.get(mailboxId);
      if (at && (!prev || at > prev)) nextSendAt.set(mailboxId, at);
    }
  }
  return nextSendAt;
}
