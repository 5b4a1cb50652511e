import { and, eq } from 'drizzle-orm';
import type { SnoozeTaskBody } from '../../../shared/schemas/email';
import type { Db } from '../../db/client';
import { tasks } from '../../db/schema';
import type { Actor } from '../actor';
import { conflict, invalid } from '../errors';
import { loadTaskFor } from './complete-task';
import type { TaskRow } from './dto';

/**
 * Puts an open task off until `until`: the list leaves it out of the due queue until that moment
 * passes, then it is back by itself (nothing runs at wake-up; the list compares with `now`). A null
 * `until` wakes it at once, which is how the console undoes a snooze. Whether `until` lies ahead
 * depends on the clock, which the schema cannot see, so that check is here: a 400 naming the field.
 */
export async function snoozeTask(
  { db, now }: { db: Db; now: Date },
  user: Actor,
  input: { id: string; body: SnoozeTaskBody },
): Promise<TaskRow> {
  const until = input.body.until === null ? null : new Date(input.body.until);
  if (until && until <= now) {
    const issue = { path: 'until', message: 'must be in the future' };
    throw invalid(`${issue.path}: ${issue.message}`, [issue], 'validation_failed');
  }
  return db.transaction(async (tx) => {
    const task = await loadTaskFor(tx, user, input.id);
    const [row] = await tx
      .update(tasks)
      .set({ snoozedUntil: until, updatedAt: now })
      .where(and(eq(tasks.id, task.id), eq(tasks.status, 'open')))
      .returning();
    if (!row) throw conflict(`the task is already ${task.status}`);
    return row;
  });
}
