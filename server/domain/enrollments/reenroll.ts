import { sql } from 'drizzle-orm';
import { inList, recordset } from '../../db/bulk';
import type { DbOrTx } from '../../db/client';
import { executePrepared, runPrepared } from '../../db/prepared';
import { enrollments } from '../../db/schema';
import { type ActivityInput, recordActivity } from '../activity';
import type { SequenceRow, StepRow } from '../sequences/dto';
import type { EnrollmentRow, PlanContact, PlanEnrollment } from './plan-step';
import { scheduleSteps } from './schedule-step';

export interface ReenrollTarget {
  /** The removed or finished enrollment, as read in this transaction. */
  previous: EnrollmentRow;
  contact: PlanContact;
  /** The pool the enrollment sends from from now on. */
  mailboxIds: string[];
  /** Warnings the caller accepted, recorded in the history row. */
  acceptedWarnings: readonly string[];
}

export interface ReenrollOptions {
  /** Who re-enrolls: the enrollment's user from now on, and the history row's actor. */
  userId: string;
  /** A start ahead re-anchors the current step there; otherwise it keeps its anchor. */
  startAt?: Date | undefined;
  now: Date;
}

/**
 * Enrolls contacts again in a sequence they were removed from or finished, all of one sequence: the
 * same row carries on from its step (the seeds' "remembers progress"), with the new pool and user.
 * One update for the rows, one plan-and-write of the current steps, one history insert. A row that
 * is no longer removed or finished (a concurrent change) is left alone and not returned.
 */
export async function reenrollRows(
  tx: DbOrTx,
  sequence: SequenceRow,
  stepRows: readonly StepRow[],
  targets: readonly ReenrollTarget[],
  opts: ReenrollOptions,
): Promise<EnrollmentRow[]> {
  if (targets.length === 0) return [];
  const { now, userId } = opts;
  const at = now.toISOString();
  const anchor = opts.startAt && opts.startAt > now ? opts.startAt : null;
  const changed = await executePrepared<{ id: string }>(
    tx,
    sql`update ${enrollments} en set
        status = case when coalesce(${anchor?.toISOString() ?? null}::timestamptz, en.step_anchor_at) > ${at}::timestamptz
          then 'scheduled' else 'active' end,
        step_anchor_at = coalesce(${anchor?.toISOString() ?? null}::timestamptz, en.step_anchor_at),
        user_id = ${userId}, mailbox_ids = v.mailbox_ids, finished_reason = null, paused_reason = null,
        resume_at = null, updated_at = ${at}::timestamptz
      from ${recordset(
        'v',
        { id: 'text', mailbox_ids: 'jsonb' },
        targets.map((t) => ({ id: t.previous.id, mailbox_ids: t.mailboxIds })),
      )}
      where en.id = v.id and en.status in ('removed', 'finished')
      returning en.id`,
    'reenroll_rows',
  );
  const done = new Set(changed.map((r) => r.id));
  const live = targets.filter((t) => done.has(t.previous.id));
  const planned = live.map((t) => ({
    enrollment: {
      id: t.previous.id,
      teamId: t.previous.teamId,
      sequenceId: t.previous.sequenceId,
      contactId: t.previous.contactId,
      userId,
      mailboxIds: t.mailboxIds,
      currentStep: t.previous.currentStep,
      stepAnchorAt: anchor ?? t.previous.stepAnchorAt,
    } satisfies PlanEnrollment,
    contact: t.contact,
  }));
  await scheduleSteps(tx, sequence, stepRows, planned, now);
  await recordActivity(
    tx,
    live.map(
      (t): ActivityInput => ({
        teamId: t.previous.teamId,
        kind: 'enrollment.reenrolled',
        contactId: t.previous.contactId,
        enrollmentId: t.previous.id,
        actorId: userId,
        at: now,
        data: {
          sequenceId: t.previous.sequenceId,
          currentStep: t.previous.currentStep,
          mailboxIds: t.mailboxIds,
          ...(t.acceptedWarnings.length > 0 && { acceptedWarnings: t.acceptedWarnings }),
        },
      }),
    ),
  );
  if (live.length === 0) return [];
  return runPrepared(
    tx
      .select()
      .from(enrollments)
      .where(
        inList(
          enrollments.id,
          live.map((t) => t.previous.id),
        ),
      ),
    'reenroll_read',
  );
}
