import { and, eq, gt, isNotNull, isNull, lte, ne, or, type SQL } from 'drizzle-orm';
import type { Task } from '../../../shared/schemas/email';
import type { Db } from '../../db/client';
import { tasks } from '../../db/schema';
import { type Actor, isAdmin } from '../actor';
import { forbidden } from '../errors';
import { keysetPage, mapPage } from '../keyset-page';
import type { Page } from '../page';
import { toTaskDto } from './dto';

export interface ListTasksQuery {
  limit: number;
  cursor?: string;
  status?: Task['status'];
  type?: Task['type'];
  contactId?: string;
  sequenceId?: string;
  /** Admins only: whose tasks to list (default: the actor's). */
  ownerId?: string;
  /** Open tasks snoozed past `now`: left out (the default), listed with the rest, or the only ones. */
  snoozed?: 'exclude' | 'include' | 'only';
}

/** Whether an open task is still snoozed is a comparison with the injected clock, not a stored flag. */
function snoozeFilter(mode: ListTasksQuery['snoozed'], now: Date): SQL | undefined {
  const asleep = and(eq(tasks.status, 'open'), isNotNull(tasks.snoozedUntil), gt(tasks.snoozedUntil, now));
  if (mode === 'include') return undefined;
  if (mode === 'only') return asleep;
  return or(ne(tasks.status, 'open'), isNull(tasks.snoozedUntil), lte(tasks.snoozedUntil, now));
}

/** The actor's tasks by id; an admin may list another owner's. */
export async function listTasks(
  { db, now }: { db: Db; now: Date },
  actor: Actor,
  q: ListTasksQuery,
): Promise<Page<Task>> {
  if (q.ownerId && q.ownerId !== actor.id && !isAdmin(actor)) {
    throw forbidden('only an admin can list another user’s tasks');
  }
  const page = await keysetPage(
    db.select().from(tasks).$dynamic(),
    tasks.id,
    [
      eq(tasks.teamId, actor.teamId),
      eq(tasks.ownerId, q.ownerId ?? actor.id),
      q.status ? eq(tasks.status, q.status) : undefined,
      q.type ? eq(tasks.type, q.type) : undefined,
      q.contactId ? eq(tasks.contactId, q.contactId) : undefined,
      q.sequenceId ? eq(tasks.sequenceId, q.sequenceId) : undefined,
      snoozeFilter(q.snoozed, now),
    ],
    q,
  );
  return mapPage(page, toTaskDto);
}
