import { and, asc, desc, eq, inArray, isNotNull, notInArray, sql } from 'drizzle-orm';
import { insertRows, updateRowsById } from '../../db/bulk';
import type { DbOrTx } from '../../db/client';
import { emails, enrollments, mailboxes, steps, tasks } from '../../db/schema';
import { type SequenceRow, type StepRow, scheduleOf } from '../sequences/dto';
import {
  createStepPlanner,
  type EmailInsert,
  type PlanContact,
  type PlanEnrollment,
  type PreviousEmail,
  type StepPlan,
  type TaskInsert,
} from './plan-step';

const CHUNK = 1000;

export function chunks<T>(list: readonly T[], size = CHUNK): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < list.length; i += size) out.push(list.slice(i, i + size));
  return out;
}

export async function loadSteps(db: DbOrTx, sequenceId: string): Promise<StepRow[]> {
  return db.select().from(steps).where(eq(steps.sequenceId, sequenceId)).orderBy(asc(steps.position));
}

/** Domain of each mailbox's address, for Message-IDs that look like the sender's own. */
export async function loadMailboxDomains(db: DbOrTx, ids: Iterable<string>): Promise<Map<string, string>> {
  const list = [...new Set(ids)];
  const out = new Map<string, string>();
  for (const part of chunks(list)) {
    const rows = await db
      .select({ id: mailboxes.id, address: mailboxes.address })
      .from(mailboxes)
      .where(inArray(mailboxes.id, part));
    for (const r of rows) {
      const domain = r.address.split('@')[1]?.trim().toLowerCase();
      if (domain) out.set(r.id, domain);
    }
  }
  return out;
}

/**
 * The email each reply_previous step answers: the enrollment's latest email of an earlier step that
 * went out or may still go out (a not-sent or bounced one started no thread the contact can see).
 */
async function loadPreviousEmails(
  db: DbOrTx,
  targets: readonly { enrollment: PlanEnrollment }[],
): Promise<Map<string, PreviousEmail>> {
  const out = new Map<string, PreviousEmail>();
  const current = new Map(targets.map((t) => [t.enrollment.id, t.enrollment.currentStep]));
  for (const part of chunks([...current.keys()])) {
    const rows = await db
      .select({
        enrollmentId: emails.enrollmentId,
        position: steps.position,
        messageId: emails.messageId,
        threadId: emails.threadId,
        subject: emails.subject,
        references: emails.references,
        mailboxId: emails.mailboxId,
      })
      .from(emails)
      .innerJoin(steps, eq(steps.id, emails.stepId))
      .where(
        and(
          inArray(emails.enrollmentId, part),
          notInArray(emails.status, ['not_sent', 'bounced']),
          isNotNull(emails.messageId),
        ),
      )
      .orderBy(desc(steps.position));
    for (const r of rows) {
      if (!r.enrollmentId || out.has(r.enrollmentId)) continue;
      if (r.position >= (current.get(r.enrollmentId) ?? 0)) continue;
      out.set(r.enrollmentId, r);
    }
  }
  return out;
}

export interface ScheduleTarget {
  enrollment: PlanEnrollment;
  contact: PlanContact;
}

/** Plans the current step of each target, loading only what the plans need (threads, mailboxes). */
export async function planSteps(
  db: DbOrTx,
  sequence: SequenceRow,
  stepRows: readonly StepRow[],
  targets: readonly ScheduleTarget[],
  now: Date,
): Promise<StepPlan[]> {
  const replying = new Set(stepRows.filter((s) => s.threadMode === 'reply_previous').map((s) => s.position));
  const needThread = targets.filter((t) => replying.has(t.enrollment.currentStep));
  const previous = needThread.length > 0 ? await loadPreviousEmails(db, needThread) : new Map();
  const mailboxIds = targets.flatMap((t) => t.enrollment.mailboxIds.slice(0, 1));
  for (const p of previous.values()) if (p.mailboxId) mailboxIds.push(p.mailboxId);
  const plan = createStepPlanner({
    schedule: scheduleOf(sequence),
    steps: stepRows,
    mailboxDomains: await loadMailboxDomains(db, mailboxIds),
    previous,
    now,
  });
  return targets.map((t) => plan(t.enrollment, t.contact));
}

/**
 * Writes planned rows. The unique (enrollment, step) indexes make this idempotent: an email that
 * already exists is left alone, and a task skipped earlier (finish, remove, step switched off) is
 * reopened for whoever owns the contact now. Returns the due time of each row actually written.
 */
export async function writePlans(
  tx: DbOrTx,
  plans: readonly StepPlan[],
  now: Date,
): Promise<Map<string, Date>> {
  const written = new Map<string, Date>();
  const dueOf = new Map<string, Date>();
  const emailRows: EmailInsert[] = [];
  const taskRows: TaskInsert[] = [];
  for (const p of plans) {
    if (p.kind === 'held') continue;
    dueOf.set(p.enrollmentId, p.dueAt);
    if (p.kind === 'email') emailRows.push(p.row);
    else taskRows.push(p.row);
  }
  const note = (rows: Record<string, unknown>[]) => {
    for (const r of rows) {
      const at = dueOf.get(String(r.enrollment_id));
      if (at) written.set(String(r.enrollment_id), at);
    }
  };
  note(
    await insertRows(tx, emails, emailRows, {
      onConflict: sql`on conflict do nothing`,
      returning: ['enrollment_id'],
    }),
  );
  note(
    await insertRows(tx, tasks, taskRows, {
      onConflict: sql`on conflict (enrollment_id, step_id) do update
        set status = 'open', owner_id = excluded.owner_id, due_at = excluded.due_at, note = null,
            completed_at = null, updated_at = ${now.toISOString()}::timestamptz
        where ${tasks.status} = 'skipped'`,
      returning: ['enrollment_id'],
    }),
  );
  return written;
}

/** Sets next_run_at for many enrollments in one statement (null clears it). */
export async function setNextRunAt(tx: DbOrTx, values: ReadonlyMap<string, Date | null>, now: Date) {
  await updateRowsById(
    tx,
    enrollments,
    ['nextRunAt'],
    [...values].map(([id, nextRunAt]) => ({ id, nextRunAt })),
    { set: sql`updated_at = ${now.toISOString()}::timestamptz` },
  );
}

/**
 * Schedules the current step of each target and records next_run_at: an email row or a task when
 * the step is active, nothing (next_run_at cleared) while the step is missing or switched off.
 * Targets whose row already exists keep it and their next_run_at.
 */
export async function scheduleSteps(
  tx: DbOrTx,
  sequence: SequenceRow,
  stepRows: readonly StepRow[],
  targets: readonly ScheduleTarget[],
  now: Date,
): Promise<StepPlan[]> {
  if (targets.length === 0) return [];
  const plans = await planSteps(tx, sequence, stepRows, targets, now);
  const written = await writePlans(tx, plans, now);
  const nextRun = new Map<string, Date | null>(written);
  for (const p of plans) if (p.kind === 'held') nextRun.set(p.enrollmentId, null);
  if (nextRun.size > 0) await setNextRunAt(tx, nextRun, now);
  return plans;
}

/** Statuses in which an enrollment still moves on (finished, removed, bounced and not_sent do not). */
export const runningStatuses = ['active', 'scheduled', 'paused'] as const;
export type RunningStatus = (typeof runningStatuses)[number];
export const isRunningStatus = (s: string): s is RunningStatus =>
  (runningStatuses as readonly string[]).includes(s);
