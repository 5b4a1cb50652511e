import { and, desc, eq, isNotNull, lt, notInArray } from 'drizzle-orm';
import type { z } from 'zod';
import type { completeTaskBodySchema } from '../../../shared/schemas/email';
import { pickVariant } from '../../../shared/variants/pick-variant';
import type { Db, Tx } from '../../db/client';
import { newId } from '../../db/ids';
import { emails, enrollments, steps, tasks } from '../../db/schema';
import { recordActivity } from '../activity';
import type { Actor } from '../actor';
import { completeStep } from '../enrollments/complete-step';
import { newMessageId, threadFields } from '../enrollments/plan-step';
import { loadMailboxDomains } from '../enrollments/schedule-step';
import { conflict, notFound } from '../errors';
import { sanitizeEmailHtml } from '../html/email-html';
import { assertExpandable } from '../snippets/expansion-check';
import type { TaskRow } from './dto';

/** Activity kind of a task completion; its data keeps the note and the rep's edits as history. */
export const TASK_COMPLETED_ACTIVITY = 'task.completed' as const;

type CompleteBody = z.infer<typeof completeTaskBodySchema>;

/** A task is the owner's to complete; an admin may complete any task of the team. */
export async function loadTaskFor(db: Db | Tx, user: Actor, id: string): Promise<TaskRow> {
  const [row] = await db
    .select()
    .from(tasks)
    .where(and(eq(tasks.id, id), eq(tasks.teamId, user.teamId)));
  if (!row || (user.role !== 'admin' && row.ownerId !== user.id)) throw notFound('task');
  return row;
}

/**
 * The email row for a completed manual-email task: due now, through the enrollment's mailbox, so the
 * scheduler sends it under the same guards as any step (or holds it while the enrollment is paused).
 * When the rep edited anything, the row carries the whole draft (subject, and body_override, which
 * falls back to the step's body) so the scheduler sends exactly what the rep approved.
 */
async function queueManualEmail(
  tx: Tx,
  task: TaskRow,
  body: CompleteBody,
  now: Date,
): Promise<string | null> {
  if (!task.enrollmentId || !task.stepId) return null;
  const [row] = await tx
    .select({ e: enrollments, step: steps })
    .from(enrollments)
    .innerJoin(steps, eq(steps.id, task.stepId))
    .where(eq(enrollments.id, task.enrollmentId));
  if (!row) return null;
  const [previous] = await tx
    .select({
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
        eq(emails.enrollmentId, row.e.id),
        lt(steps.position, row.step.position),
        notInArray(emails.status, ['not_sent', 'bounced']),
        isNotNull(emails.messageId),
      ),
    )
    .orderBy(desc(steps.position))
    .limit(1);
  // The same deterministic A/B pick as an automatic step; the rep's edits start from its text.
  const variant = pickVariant(row.step.variants, row.e.id, row.step.id);
  const threading = threadFields(row.step, previous, body.subject ?? variant?.subject ?? row.step.subject);
  const mailboxId = threading.mailboxId ?? row.e.mailboxIds[0] ?? null;
  const domains = await loadMailboxDomains(tx, mailboxId ? [mailboxId] : []);
  const id = newId('eml', now.getTime());
  const edited = body.subject !== undefined || body.body !== undefined;
  const inserted = await tx
    .insert(emails)
    .values({
      id,
      teamId: task.teamId,
      enrollmentId: row.e.id,
      contactId: task.contactId,
      stepId: row.step.id,
      mailboxId,
      status: 'scheduled',
      scheduledAt: now,
      dueAt: now,
      // The rep's own subject wins, even in a thread; otherwise the thread's "Re:" subject.
      subject: body.subject ?? threading.subject,
      bodyOverride: edited ? sanitizeEmailHtml(body.body ?? variant?.body ?? row.step.body ?? '') : null,
      variantId: variant?.id ?? null,
      threadId: threading.threadId,
      inReplyTo: threading.inReplyTo,
      references: threading.references,
      messageId: newMessageId(mailboxId ? domains.get(mailboxId) : undefined),
      prospectScore: row.e.prospectScore,
      createdAt: now,
      updatedAt: now,
    })
    .onConflictDoNothing()
    .returning({ id: emails.id });
  return inserted[0]?.id ?? null;
}

/**
 * Completes an open task: records the note (and a manual email's edited subject/body) as an
 * activity, queues a manual-email step's email, and moves the enrollment to its next step.
 */
export async function completeTask(
  { db, now }: { db: Db; now: Date },
  user: Actor,
  input: { id: string; body: CompleteBody },
): Promise<TaskRow> {
  const { id, body } = input;
  // The rep's edited draft is checked like a step: a snippet bomb is refused here, naming the field.
  await assertExpandable(db, user.teamId, [
    { path: 'subject', part: 'subject', text: body.subject },
    { path: 'body', part: 'body', text: body.body },
  ]);
  return db.transaction(async (tx) => {
    const task = await loadTaskFor(tx, user, id);
    const [locked] = await tx
      .update(tasks)
      .set({
        status: 'completed',
        completedAt: now,
        note: body.note ?? null,
        updatedAt: now,
      })
      .where(and(eq(tasks.id, id), eq(tasks.status, 'open')))
      .returning();
    if (!locked) throw conflict(`the task is already ${task.status}`);
    const emailId = task.type === 'manual_email' ? await queueManualEmail(tx, locked, body, now) : null;
    await recordActivity(tx, {
      teamId: task.teamId,
      kind: TASK_COMPLETED_ACTIVITY,
      contactId: task.contactId,
      enrollmentId: task.enrollmentId,
      emailId,
      actorId: user.id,
      at: now,
      data: {
        taskId: task.id,
        type: task.type,
        stepId: task.stepId,
        ...(body.note !== undefined && { note: body.note }),
        ...(body.subject !== undefined && { subject: body.subject }),
        ...(body.body !== undefined && { body: body.body }),
      },
    });
    // A task whose step was deleted meanwhile no longer stands for the enrollment's current step.
    if (task.enrollmentId && task.stepId) {
      await completeStep(tx, task.enrollmentId, now, { stepId: task.stepId, actorId: user.id });
    }
    return locked;
  });
}
