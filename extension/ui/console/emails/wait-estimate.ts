import { sendingDayOf } from '../../../../shared/schedule/send-estimate';
import type { Email } from '../../../../shared/schemas/email';
import { formatDateTime, plural } from '../format';

export interface MailboxCaps {
  id: string;
  address: string;
  effectiveDailyLimit: number;
  hourlyLimit: number;
}

/**
 * Where each email waiting for its mailbox's limit stands in that mailbox's queue (0 = next), in the
 * order the scheduler takes them (earliest slot first), over the emails at hand.
 */
export function queuePositions(emails: readonly Email[]): Map<string, number> {
  const byMailbox = new Map<string, Email[]>();
  for (const e of emails) {
    if (e.status !== 'scheduled' || e.waitingFor !== 'mailbox_capacity' || !e.mailboxId) continue;
    byMailbox.set(e.mailboxId, [...(byMailbox.get(e.mailboxId) ?? []), e]);
  }
  const out = new Map<string, number>();
  for (const list of byMailbox.values()) {
    list
      .sort((a, b) => (a.scheduledAt ?? '').localeCompare(b.scheduledAt ?? ''))
      .forEach((e, i) => {
        out.set(e.id, i);
      });
  }
  return out;
}

/** When a waiting email should go out, in words; undefined when there is nothing useful to say. */
export function waitEstimateWords(
  email: Email,
  mailbox: MailboxCaps | undefined,
  position: number | undefined,
  now: Date,
): string | undefined {
  if (email.status !== 'scheduled') return undefined;
  if (email.waitingFor === 'window' || email.waitingFor === 'wait') {
    const at = email.scheduledAt ? Date.parse(email.scheduledAt) : Number.NaN;
    return at > now.getTime() ? `Goes out around ${formatDateTime(email.scheduledAt)}.` : undefined;
  }
  if (email.waitingFor !== 'mailbox_capacity' || !mailbox || position === undefined) return undefined;
  const pace = { dailyLimit: mailbox.effectiveDailyLimit, hourlyLimit: mailbox.hourlyLimit };
  const day = sendingDayOf(pace, position);
  const rate = `${mailbox.address} sends up to ${plural(mailbox.effectiveDailyLimit, 'email')} a day and ${mailbox.hourlyLimit} an hour`;
  return day === 0
    ? `Should go out later today, as the hourly limit allows (${rate}).`
    : `Should go out in about ${plural(day, 'sending day')}: ${plural(position, 'email')} ahead of it in the queue (${rate}).`;
}
