import { asc, sql } from 'drizzle-orm';
import { calendarForSchedule } from '../../../shared/schedule/day-calendar';
import { nextSendTime, resolveScheduleZone, type SkipDay } from '../../../shared/schedule/next-send-time';
import type { FinishReason } from '../../../shared/schemas/enrollment';
import { inList } from '../../db/bulk';
import type { DbOrTx } from '../../db/client';
import { newId } from '../../db/ids';
import { executePrepared, runPrepared } from '../../db/prepared';
import { activities, contacts, emails, enrollments, sequences, steps, tasks } from '../../db/schema';
import { type ActivityInput, recordActivity } from '../activity';
import { type SequenceRow, type StepRow, scheduleOf } from '../sequences/dto';
import { enrollmentFromDb } from './enrollment-row';
import type { EnrollmentRow } from './plan-step';
import { isRunningStatus, type ScheduleTarget, scheduleSteps } from './schedule-step';

/*
 * THE lifecycle changes (pause, resume, finish, remove) of enrollments, for one or many at once, with
 * one statement per kind of change. The single functions of lifecycle.ts call this with one id, so
 * the rules, conflict messages and history rows are one code path; the parity test compares the two
 * routes.
 */

export type BulkCommand =
  /** `reason`: 'manual' unless the system pauses (out_of_office). */
  | { action: 'pause'; resumeAt: Date | null; reason?: string }
  /** `cause`: 'manual' unless the clock resumes it (auto). */
  | { action: 'resume'; cause?: 'manual' | 'auto' }
  | { action: 'finish'; reason: FinishReason }
  | { action: 'remove' };

/** Per enrollment: the row after the change, or why it could not change (a conflict). */
export type BulkChange = { ok: true; row: EnrollmentRow } | { ok: false; code: string; message: string };

interface Ctx {
  tx: DbOrTx;
  now: Date;
  actorId: string | null;
  out: Map<string, BulkChange>;
  activity: ActivityInput[];
}

const refuse = (c: Ctx, id: string, message: string) =>
  c.out.set(id, { ok: false, code: 'conflict', message });
const iso = (d: Date) => d.toISOString();

const base = (e: EnrollmentRow, c: Ctx) => ({
  teamId: e.teamId,
  contactId: e.contactId,
  enrollmentId: e.id,
  actorId: c.actorId,
  at: c.now,
});

/**
 * Applies `cmd` to every enrollment of `ids` in the caller's transaction (which must be one: rows
 * are locked in id order, as the single functions lock theirs). Returns one change per id.
 */
export async function applyLifecycleMany(
  tx: DbOrTx,
  ids: readonly string[],
  cmd: BulkCommand,
  now: Date,
  actorId: string | null,
): Promise<Map<string, BulkChange>> {
  const c: Ctx = { tx, now, actorId, out: new Map(), activity: [] };
  if (ids.length === 0) return c.out;
  const locked = await runPrepared(
    tx
      .select()
      .from(enrollments)
      .where(inList(enrollments.id, ids))
      .orderBy(asc(enrollments.id))
      .for('update'),
    'bulk_lifecycle_lock',
  );
  const found = new Set(locked.map((e) => e.id));
  for (const id of ids) if (!found.has(id)) refuse(c, id, 'the enrollment no longer exists');
  switch (cmd.action) {
    case 'pause':
      await pauseMany(c, locked, cmd.resumeAt, cmd.reason ?? 'manual');
      break;
    case 'resume':
      await resumeMany(c, locked, cmd.cause ?? 'manual');
      break;
    case 'finish':
      await stopMany(
        c,
        locked.filter((e) => {
          if (e.status !== 'finished' && e.status !== 'removed') return true;
          refuse(c, e.id, `the enrollment is already ${e.status}`);
          return false;
        }),
        'finished',
        cmd.reason,
      );
      break;
    case 'remove':
      await stopMany(
        c,
        locked.filter((e) => {
          // Removing twice changes nothing, as removeEnrollment.
          if (e.status !== 'removed') return true;
          c.out.set(e.id, { ok: true, row: e });
          return false;
        }),
        'removed',
        null,
      );
      break;
  }
  await recordActivity(tx, c.activity);
  return c.out;
}

async function pauseMany(c: Ctx, locked: EnrollmentRow[], resumeAt: Date | null, reason: string) {
  const ok = locked.filter((e) => {
    if (isRunningStatus(e.status)) return true;
    refuse(c, e.id, `a ${e.status} enrollment cannot be paused`);
    return false;
  });
  if (ok.length === 0) return;
  const rows = await runPrepared(
    c.tx
      .update(enrollments)
      .set({ status: 'paused', pausedReason: reason, resumeAt, nextRunAt: resumeAt, updatedAt: c.now })
      .where(
        inList(
          enrollments.id,
          ok.map((e) => e.id),
        ),
      )
      .returning(),
    'bulk_pause',
  );
  for (const r of rows) c.out.set(r.id, { ok: true, row: r });
  for (const e of ok)
    c.activity.push({
      ...base(e, c),
      kind: 'enrollment.paused',
      data: { sequenceId: e.sequenceId, reason, resumeAt: resumeAt?.toISOString() ?? null, from: e.status },
    });
}

/** stop() of lifecycle.ts for many: pending work withdrawn, the enrollment ended, one history row each. */
async function stopMany(c: Ctx, ok: EnrollmentRow[], to: 'finished' | 'removed', reason: string | null) {
  if (ok.length === 0) return;
  const ids = ok.map((e) => e.id);
  const gone = await executePrepared<{ enrollment_id: string }>(
    c.tx,
    sql`delete from ${emails} where ${inList(emails.enrollmentId, ids)} and status = 'scheduled'
      returning enrollment_id`,
    'bulk_stop_emails',
  );
  const skipped = await executePrepared<{ enrollment_id: string }>(
    c.tx,
    sql`update ${tasks} set status = 'skipped', updated_at = ${iso(c.now)}::timestamptz
      where ${inList(tasks.enrollmentId, ids)} and status = 'open'
      returning enrollment_id`,
    'bulk_stop_tasks',
  );
  const count = (list: { enrollment_id: string }[]) => {
    const m = new Map<string, number>();
    for (const r of list) m.set(r.enrollment_id, (m.get(r.enrollment_id) ?? 0) + 1);
    return m;
  };
  const cancelled = count(gone);
  const skippedBy = count(skipped);
  const rows = await runPrepared(
    c.tx
      .update(enrollments)
      .set({
        status: to,
        ...(to === 'finished' && { finishedReason: reason }),
        pausedReason: null,
        resumeAt: null,
        nextRunAt: null,
        updatedAt: c.now,
      })
      .where(inList(enrollments.id, ids))
      .returning(),
    `bulk_stop_${to}`,
  );
  for (const r of rows) c.out.set(r.id, { ok: true, row: r });
  for (const e of ok)
    c.activity.push({
      ...base(e, c),
      kind: to === 'finished' ? 'enrollment.finished' : 'enrollment.removed',
      data: {
        sequenceId: e.sequenceId,
        from: e.status,
        ...(reason && { reason }),
        emailsCancelled: cancelled.get(e.id) ?? 0,
        tasksSkipped: skippedBy.get(e.id) ?? 0,
      },
    });
}

/**
 * resumeEnrollment for many: running again, the pending email of the current step re-slotted from
 * now (kept when its slot is still ahead), or the step planned when it has no row, then next_run_at
 * from the pending work.
 */
async function resumeMany(c: Ctx, locked: EnrollmentRow[], cause: 'manual' | 'auto') {
  const { tx, now } = c;
  const ok = locked.filter((e) => {
    if (e.status === 'paused') return true;
    refuse(c, e.id, `only a paused enrollment can be resumed (this one is ${e.status})`);
    return false;
  });
  if (ok.length === 0) return;
  const ids = ok.map((e) => e.id);
  // Planned from the rows as they will read once running again; one update at the end writes
  // status and next_run_at together.
  const updated = ok.map(
    (e): EnrollmentRow => ({
      ...e,
      status: e.stepAnchorAt > now ? 'scheduled' : 'active',
      pausedReason: null,
      resumeAt: null,
    }),
  );
  const seqIds = [...new Set(ok.map((e) => e.sequenceId))];
  const [sequenceRows, stepRows, contactRows, pendingRows] = await Promise.all([
    runPrepared(tx.select().from(sequences).where(inList(sequences.id, seqIds)), 'bulk_resume_sequences'),
    runPrepared(tx.select().from(steps).where(inList(steps.sequenceId, seqIds)), 'bulk_resume_steps'),
    runPrepared(
      tx
        .select({
          id: contacts.id,
          timezone: contacts.timezone,
          ownerId: contacts.ownerId,
          prospectScore: contacts.prospectScore,
        })
        .from(contacts)
        .where(
          inList(
            contacts.id,
            ok.map((e) => e.contactId),
          ),
        ),
      'bulk_resume_contacts',
    ),
    runPrepared(
      tx
        .select({
          id: emails.id,
          enrollmentId: emails.enrollmentId,
          stepId: emails.stepId,
          scheduledAt: emails.scheduledAt,
          dueAt: emails.dueAt,
        })
        .from(emails)
        .where(sql`${inList(emails.enrollmentId, ids)} and ${emails.status} = 'scheduled'`),
      'bulk_resume_pending',
    ),
  ]);
  const sequenceById = new Map<string, SequenceRow>(sequenceRows.map((s) => [s.id, s]));
  const stepsOf = new Map<string, StepRow[]>();
  for (const s of stepRows) stepsOf.set(s.sequenceId, [...(stepsOf.get(s.sequenceId) ?? []), s]);
  for (const list of stepsOf.values()) list.sort((a, b) => a.position - b.position);
  const contactById = new Map(contactRows.map((r) => [r.id, r]));
  const pendingOf = new Map(pendingRows.map((p) => [`${p.enrollmentId} ${p.stepId}`, p]));

  // The schedule and its holiday calendar once per sequence, not once per enrollment.
  const timing = new Map<string, { schedule: ReturnType<typeof scheduleOf>; skip: SkipDay | undefined }>();
  const timingOf = (sequence: SequenceRow) => {
    let t = timing.get(sequence.id);
    if (!t) {
      const schedule = scheduleOf(sequence);
      t = { schedule, skip: calendarForSchedule(schedule)?.skip };
      timing.set(sequence.id, t);
    }
    return t;
  };
  // [email id, new slot, whether it moved, waiting_for]: arrays, not objects (see write-fresh.ts).
  const moves: [string, string, boolean, string | null][] = [];
  const toPlan = new Map<string, ScheduleTarget[]>();
  for (const e of updated) {
    const sequence = sequenceById.get(e.sequenceId);
    const contact = contactById.get(e.contactId);
    if (!sequence || !contact) throw new Error(`enrollment ${e.id} lost its sequence or contact`);
    const step = stepsOf.get(e.sequenceId)?.find((s) => s.position === e.currentStep);
    if (!step) continue;
    const pending = pendingOf.get(`${e.id} ${step.id}`);
    if (pending) {
      const { schedule, skip } = timingOf(sequence);
      const slot = pending.scheduledAt ?? pending.dueAt ?? now;
      const from = new Date(Math.max(slot.getTime(), now.getTime()));
      const zone = resolveScheduleZone(schedule, contact.timezone);
      const at = nextSendTime(schedule, zone, from, 0, skip);
      moves.push([pending.id, iso(at), at.getTime() !== slot.getTime(), at > now ? 'window' : null]);
    } else {
      // Appended in place: copying the group for every enrollment was quadratic in a big resume.
      const group = toPlan.get(e.sequenceId);
      if (group) group.push({ enrollment: e, contact });
      else toPlan.set(e.sequenceId, [{ enrollment: e, contact }]);
    }
  }
  if (moves.length > 0)
    await executePrepared(
      tx,
      sql`update ${emails} e set due_at = v.at, scheduled_at = v.at,
        waiting_for = case when v.moved then v.waiting_for else e.waiting_for end,
        updated_at = ${iso(now)}::timestamptz
      from (select m->>0 as id, (m->>1)::timestamptz as at, (m->>2)::boolean as moved, m->>3 as waiting_for
        from jsonb_array_elements(${JSON.stringify(moves)}::jsonb) as m) v
      where e.id = v.id and e.status = 'scheduled'`,
      'bulk_resume_reslot',
    );
  for (const [sequenceId, targets] of toPlan) {
    const sequence = sequenceById.get(sequenceId) as SequenceRow;
    await scheduleSteps(tx, sequence, stepsOf.get(sequenceId) ?? [], targets, now);
  }
  // next_run_at from the pending work, as pendingDueAt: the earliest scheduled email or open task.
  // Grouped rather than a min() per row: for min(due_at) the planner walks the due index in order
  // and filters by enrollment, once per enrollment, which made 10,000 take half a minute.
  // The same statement writes the history rows and answers with the rows as changed (no read back).
  const rows = await executePrepared<Record<string, unknown>>(
    tx,
    sql`with r as materialized (
        select v->>0 as id, v->>1 as act_id, v->>2 as paused_reason
        from jsonb_array_elements(${JSON.stringify(ok.map((e) => [e.id, newId('act', now.getTime()), e.pausedReason]))}::jsonb) as v),
      m as (select enrollment_id, min(due_at) as at from ${emails}
        where enrollment_id in (select id from r) and status = 'scheduled' group by 1),
      t as (select enrollment_id, min(due_at) as at from ${tasks}
        where enrollment_id in (select id from r) and status = 'open' group by 1),
      u as (
        update ${enrollments} en set updated_at = ${iso(now)}::timestamptz, next_run_at = least(m.at, t.at),
          status = case when en.step_anchor_at > ${iso(now)}::timestamptz then 'scheduled' else 'active' end,
          paused_reason = null, resume_at = null
        from r left join m on m.enrollment_id = r.id left join t on t.enrollment_id = r.id
        where en.id = r.id
        returning en.*),
      a as (
        insert into ${activities} (id, team_id, kind, contact_id, enrollment_id, actor_id, data, created_at)
        select r.act_id, u.team_id, 'enrollment.resumed', u.contact_id, u.id, ${c.actorId}::text,
          jsonb_build_object('sequenceId', u.sequence_id, 'cause', ${cause}::text, 'pausedReason', r.paused_reason),
          ${iso(now)}::timestamptz
        from r join u on u.id = r.id)
      select * from u`,
    'bulk_resume_next_run',
  );
  for (const raw of rows) {
    const r = enrollmentFromDb(raw);
    c.out.set(r.id, { ok: true, row: r });
  }
}
