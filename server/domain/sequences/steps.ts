import { and, eq, gt, inArray, sql } from 'drizzle-orm';
import type { Tx } from '../../db/client';
import { newId } from '../../db/ids';
import { enrollments, sequences, steps } from '../../db/schema';
import { recordActivity } from '../activity';
import { COMPLETED_REASON } from '../enrollments/complete-step';
import { scheduleWaitingEnrollments, withdrawStepRows } from '../enrollments/pending';
import { loadSteps, runningStatuses } from '../enrollments/schedule-step';
import { invalid } from '../errors';
import { sanitizeEmailHtml } from '../html/email-html';
import { assertExpandable } from '../snippets/expansion-check';
import type { StepRow } from './dto';
import { assertValidSteps, type StepInput, stepTemplateFields } from './validate-steps';

export type StepDraft = StepInput & { id?: string | undefined };
type StoredVariant = StepRow['variants'][number];

/** Variants as stored: every one with an id, a weight and a state, so emails can name theirs. */
function storedVariants(s: StepInput, now: Date): StoredVariant[] {
  return (s.variants ?? []).map((v) => ({
    id: v.id ?? newId('var', now.getTime()),
    subject: v.subject ?? null,
    body: sanitizeEmailHtml(v.body),
    weight: v.weight ?? 1,
    active: v.active ?? true,
  }));
}

/** Gives every variant of every step its stored shape once, before the list is compared and written. */
const withStoredVariants = <T extends StepInput>(list: readonly T[], now: Date): T[] =>
  list.map((s) => (s.variants === undefined ? s : { ...s, variants: storedVariants(s, now) }));

/**
 * What decides which variant a planned email gets, and the subject it stores: a change here plans the
 * step's pending emails again. Bodies are read at send time, so editing one needs no replan.
 */
const assignmentKey = (variants: readonly StoredVariant[] | undefined) =>
  JSON.stringify((variants ?? []).map((v) => [v.id, v.subject ?? null, v.weight, v.active]));

const fieldsOf = (s: StepInput) => ({
  type: s.type,
  waitMinutes: s.waitMinutes,
  subject: s.subject ?? null,
  // Rich bodies are stored sanitized, so what the console shows again is what will be sent.
  body: s.body == null ? null : sanitizeEmailHtml(s.body),
  threadMode: s.threadMode ?? ('new_thread' as const),
  active: s.active ?? true,
  // Left out when not given: a new step takes the column default (clicks on, opens off) and an
  // edited one keeps what it had.
  trackClicks: s.trackClicks,
  trackOpens: s.trackOpens,
  // Left out when not given, like the tracking flags: an edit that does not name variants keeps them.
  variants: s.variants as StoredVariant[] | undefined,
});

/** The stored step as an input, so one edited step can go through the same path as a whole list. */
export const draftOf = (s: StepRow): StepDraft => ({
  id: s.id,
  type: s.type,
  waitMinutes: s.waitMinutes,
  subject: s.subject,
  body: s.body,
  threadMode: s.threadMode,
  active: s.active,
  trackClicks: s.trackClicks,
  trackOpens: s.trackOpens,
  variants: s.variants,
});

/** Inserts the steps of a new sequence at positions 1..n. */
export async function insertSteps(tx: Tx, sequenceId: string, list: readonly StepInput[], now: Date) {
  if (list.length === 0) return;
  await tx.insert(steps).values(
    withStoredVariants(list, now).map((s, i) => ({
      id: newId('step', now.getTime()),
      sequenceId,
      position: i + 1,
      ...fieldsOf(s),
      createdAt: now,
      updatedAt: now,
    })),
  );
}

/**
 * Replaces the step list of a sequence that may have contacts in it. Steps given with an id keep it
 * (their emails, tasks and enrollments stay attached); enrollments stay on the step they were at,
 * whatever its new position, and one at a removed step moves to the next remaining step (or
 * finishes as completed when none is left). Pending rows planned from a changed step are planned
 * again from its new version; enrollments held at a switched-off step resume when it is back on.
 */
export async function replaceSteps(tx: Tx, sequenceId: string, given: readonly StepDraft[], now: Date) {
  assertValidSteps(given);
  const list = withStoredVariants(given, now);
  const old = await loadSteps(tx, sequenceId);
  const oldById = new Map(old.map((s) => [s.id, s]));
  const seen = new Set<string>();
  list.forEach((s, i) => {
    if (s.id === undefined) return;
    if (!oldById.has(s.id) || seen.has(s.id)) {
      const path = `steps.${i}.id`;
      throw invalid(
        `${path}: not a step of this sequence, or given twice`,
        [{ path, message: `unknown or repeated step id ${s.id}` }],
        'validation_failed',
      );
    }
    seen.add(s.id);
  });
  // Only new and rewritten steps: a step saved before the check existed must not block other edits.
  const rewritten = (s: StepDraft) => {
    const o = s.id === undefined ? undefined : oldById.get(s.id);
    return !o || (s.subject ?? null) !== o.subject || (s.body ?? null) !== o.body;
  };
  const [owner] = await tx
    .select({ teamId: sequences.teamId })
    .from(sequences)
    .where(eq(sequences.id, sequenceId));
  if (owner) await assertExpandable(tx, owner.teamId, stepTemplateFields(list, 'steps', rewritten));

  const replanned: string[] = [];
  const tasksToo: string[] = [];
  for (const o of old) {
    const next = list.find((s) => s.id === o.id);
    const f = next ? fieldsOf(next) : null;
    const gone = !f || (o.active && !f.active) || f.type !== o.type;
    const changed =
      gone ||
      f.waitMinutes !== o.waitMinutes ||
      f.subject !== o.subject ||
      f.threadMode !== o.threadMode ||
      f.active !== o.active ||
      (f.variants !== undefined && assignmentKey(f.variants) !== assignmentKey(o.variants));
    if (changed) replanned.push(o.id);
    if (gone) tasksToo.push(o.id);
  }
  await withdrawStepRows(tx, sequenceId, replanned, { tasksToo }, now);

  const removed = old.filter((o) => !seen.has(o.id)).map((o) => o.id);
  if (removed.length > 0) await tx.delete(steps).where(inArray(steps.id, removed));
  const newPosition = new Map<string, number>();
  for (const [i, s] of list.entries()) {
    const position = i + 1;
    if (s.id !== undefined) {
      newPosition.set(s.id, position);
      await tx
        .update(steps)
        .set({ position, ...fieldsOf(s), updatedAt: now })
        .where(eq(steps.id, s.id));
    } else {
      await tx.insert(steps).values({
        id: newId('step', now.getTime()),
        sequenceId,
        position,
        ...fieldsOf(s),
        createdAt: now,
        updatedAt: now,
      });
    }
  }
  await remapEnrollments(tx, sequenceId, old, newPosition, list.length, now);
  await scheduleWaitingEnrollments(tx, sequenceId, now);
}

async function remapEnrollments(
  tx: Tx,
  sequenceId: string,
  old: readonly StepRow[],
  newPosition: ReadonlyMap<string, number>,
  newCount: number,
  now: Date,
) {
  const moves: [number, number][] = [];
  old.forEach((o, i) => {
    const target =
      newPosition.get(o.id) ??
      old
        .slice(i + 1)
        .map((later) => newPosition.get(later.id))
        .find((p) => p !== undefined) ??
      newCount + 1;
    if (target !== o.position) moves.push([o.position, target]);
  });
  if (moves.length > 0) {
    const cases = sql.join(
      moves.map(([from, to]) => sql`when ${from} then ${to}`),
      sql` `,
    );
    await tx
      .update(enrollments)
      .set({
        currentStep: sql`case ${enrollments.currentStep} ${cases} else ${enrollments.currentStep} end`,
        updatedAt: now,
      })
      .where(
        and(
          eq(enrollments.sequenceId, sequenceId),
          inArray(
            enrollments.currentStep,
            moves.map(([from]) => from),
          ),
        ),
      );
  }
  if (newCount === 0) return;
  // Their remaining steps were all removed: they have been through everything that is left.
  const done = await tx
    .update(enrollments)
    .set({
      status: 'finished',
      finishedReason: COMPLETED_REASON,
      nextRunAt: null,
      pausedReason: null,
      resumeAt: null,
      updatedAt: now,
    })
    .where(
      and(
        eq(enrollments.sequenceId, sequenceId),
        inArray(enrollments.status, [...runningStatuses]),
        gt(enrollments.currentStep, newCount),
      ),
    )
    .returning();
  await recordActivity(
    tx,
    done.map((e) => ({
      teamId: e.teamId,
      kind: 'enrollment.finished',
      contactId: e.contactId,
      enrollmentId: e.id,
      at: now,
      data: { sequenceId, reason: COMPLETED_REASON, cause: 'steps_removed' },
    })),
  );
}
