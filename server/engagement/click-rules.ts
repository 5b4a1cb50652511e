import { and, eq, sql } from 'drizzle-orm';
import { effectiveRuleset, type Ruleset } from '../../shared/schemas/ruleset';
import type { Tx } from '../db/client';
import { newId } from '../db/ids';
import { emails, enrollments, mailboxes, sequences, tasks } from '../db/schema';
import { recordActivity } from '../domain/activity';
import { finishEnrollmentRow } from '../domain/enrollments/lifecycle';

const LIVE = new Set(['active', 'scheduled', 'paused', 'not_sent']);

/** Same link for the rule's purposes: scheme and host case, a trailing slash and a fragment don't matter. */
export function sameLink(a: string, b: string): boolean {
  const norm = (u: string) => {
    try {
      const url = new URL(u.trim());
      url.hash = '';
      return url.toString().replace(/\/$/, '');
    } catch {
      return u.trim();
    }
  };
  return norm(a) === norm(b);
}

export interface HumanClick {
  teamId: string;
  emailId: string;
  enrollmentId: string | null;
  contactId: string;
  url: string;
  at: Date;
}

export type ClickRuleOutcome = { kind: 'finished_meeting' } | { kind: 'call_task'; taskId: string } | null;

/**
 * The ruleset's engagement rules, run on a human click in the click's transaction: a click on the
 * sender's meeting link finishes the enrollment as meeting_booked; reaching `callTaskAfterClicks`
 * human clicks over the enrollment's emails creates one call task for its owner. Both leave a line in
 * the enrollment's history. Opens never trigger anything.
 */
export async function applyClickRules(tx: Tx, click: HumanClick): Promise<ClickRuleOutcome> {
  if (!click.enrollmentId) return null;
  const [row] = await tx
    .select({ enrollment: enrollments, ruleset: sequences.ruleset, meetingLink: mailboxes.meetingLink })
    .from(emails)
    .innerJoin(enrollments, eq(enrollments.id, emails.enrollmentId))
    .innerJoin(sequences, eq(sequences.id, enrollments.sequenceId))
    .leftJoin(mailboxes, eq(mailboxes.id, emails.mailboxId))
    .where(eq(emails.id, click.emailId));
  if (!row || !LIVE.has(row.enrollment.status)) return null;
  const rules = effectiveRuleset(row.ruleset as Ruleset);
  const e = row.enrollment;
  const base = {
    teamId: click.teamId,
    contactId: click.contactId,
    enrollmentId: e.id,
    emailId: click.emailId,
    at: click.at,
  };

  if (rules.finishOnMeetingLinkClick && row.meetingLink && sameLink(click.url, row.meetingLink)) {
    await recordActivity(tx, { ...base, kind: 'engagement.meeting_link_clicked', data: { url: click.url } });
    await finishEnrollmentRow(tx, e.id, { now: click.at, actorId: null, reason: 'meeting_booked' });
    return { kind: 'finished_meeting' };
  }

  const threshold = rules.callTaskAfterClicks;
  if (!threshold) return null;
  const [total] = await tx
    .select({ n: sql<number>`coalesce(sum(${emails.clicks}), 0)`.mapWith(Number) })
    .from(emails)
    .where(eq(emails.enrollmentId, e.id));
  // Exactly at the threshold: one task, not one per later click.
  if ((total?.n ?? 0) !== threshold) return null;
  const already = await tx
    .select({ id: tasks.id })
    .from(tasks)
    .where(and(eq(tasks.enrollmentId, e.id), eq(tasks.type, 'call'), sql`${tasks.note} like 'Engaged:%'`));
  if (already.length > 0) return null;
  const taskId = newId('task', click.at.getTime());
  await tx.insert(tasks).values({
    id: taskId,
    teamId: click.teamId,
    type: 'call',
    contactId: click.contactId,
    enrollmentId: e.id,
    sequenceId: e.sequenceId,
    ownerId: e.userId,
    dueAt: click.at,
    note: `Engaged: ${threshold} link click${threshold === 1 ? '' : 's'} in this sequence — call while it is fresh.`,
    createdAt: click.at,
    updatedAt: click.at,
  });
  await recordActivity(tx, {
    ...base,
    kind: 'engagement.call_task_created',
    data: { taskId, clicks: threshold },
  });
  return { kind: 'call_task', taskId };
}
