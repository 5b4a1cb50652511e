import { and, asc, eq } from 'drizzle-orm';
import type { z } from 'zod';
import { defaultSchedule } from '../../../shared/schemas/schedule';
import type {
  createSequenceSchema,
  patchSequenceSchema,
  patchStepSchema,
  shareSequenceSchema,
  stepInputSchema,
} from '../../../shared/schemas/sequence';
import { loadSequenceFor } from '../../auth/access';
import type { Db, Tx } from '../../db/client';
import { newId } from '../../db/ids';
import { sequenceShares, sequences, users } from '../../db/schema';
import type { Actor } from '../actor';
import { scheduleWaitingEnrollments, withdrawStepRows } from '../enrollments/pending';
import { loadSteps } from '../enrollments/schedule-step';
import { conflict, forbidden, invalid, notFound } from '../errors';
import { assertExpandable } from '../snippets/expansion-check';
import { draftOf, insertSteps, replaceSteps } from './steps';
import { assertKnownHolidayPlace } from './validate-schedule';
import { assertRunnableSteps, assertValidSteps, stepTemplateFields } from './validate-steps';

const MAX_NAME = 200;

export async function insertSequence(
  db: Db,
  user: Actor,
  body: z.infer<typeof createSequenceSchema>,
  now: Date,
): Promise<string> {
  assertValidSteps(body.steps);
  if (body.active === true) assertRunnableSteps(body.steps);
  assertKnownHolidayPlace(body.schedule);
  await assertExpandable(db, user.teamId, stepTemplateFields(body.steps));
  const id = newId('seq', now.getTime());
  await db.transaction(async (tx) => {
    await tx.insert(sequences).values({
      id,
      teamId: user.teamId,
      ownerId: user.id,
      name: body.name,
      // New sequences start switched off unless asked, so nothing goes out before they are reviewed.
      active: body.active ?? false,
      schedule: body.schedule ?? defaultSchedule,
      ruleset: body.ruleset ?? {},
      createdAt: now,
      updatedAt: now,
    });
    await insertSteps(tx, id, body.steps, now);
  });
  return id;
}

async function touch(tx: Tx, id: string, now: Date, set: Partial<typeof sequences.$inferInsert> = {}) {
  await tx
    .update(sequences)
    .set({ ...set, updatedAt: now })
    .where(eq(sequences.id, id));
}

export async function updateSequenceRow(
  db: Db,
  user: Actor,
  id: string,
  body: z.infer<typeof patchSequenceSchema>,
  now: Date,
): Promise<void> {
  const { sequence } = await loadSequenceFor(db, user, id, 'edit');
  if (body.steps) assertValidSteps(body.steps);
  assertKnownHolidayPlace(body.schedule);
  await db.transaction(async (tx) => {
    const { steps: list, archived, ...rest } = body;
    const archiving = archived === true && !sequence.archivedAt;
    if (sequence.archivedAt && archived !== false && body.active === true) {
      throw conflict('restore the sequence from the archive before activating it', [
        { path: 'active', message: 'the sequence is archived' },
      ]);
    }
    const fields: Partial<typeof sequences.$inferInsert> = {
      ...rest,
      // Archiving switches the sequence off: an archived sequence never sends.
      ...(archiving && { archivedAt: now, active: false }),
      ...(archived === false && { archivedAt: null }),
    };
    // Checked when switching on or replacing the steps, so renaming an old sequence is never blocked.
    const willRun = fields.active ?? sequence.active;
    if (willRun && (body.active === true || list)) {
      assertRunnableSteps(list ?? (await loadSteps(tx, id)).map(draftOf));
    }
    await touch(tx, id, now, fields);
    if (list) await replaceSteps(tx, id, list, now);
    const scheduleChanged =
      body.schedule !== undefined && JSON.stringify(body.schedule) !== JSON.stringify(sequence.schedule);
    if (scheduleChanged) {
      // Pending emails were slotted in the old windows: plan them again in the new ones.
      const all = (await loadSteps(tx, id)).map((s) => s.id);
      await withdrawStepRows(tx, id, all, { tasksToo: [] }, now);
      await scheduleWaitingEnrollments(tx, id, now);
    }
  });
}

export async function updateStepRow(
  db: Db,
  user: Actor,
  id: string,
  stepId: string,
  patch: z.infer<typeof patchStepSchema>,
  now: Date,
): Promise<void> {
  const { sequence } = await loadSequenceFor(db, user, id, 'edit');
  await db.transaction(async (tx) => {
    const list = (await loadSteps(tx, id)).map(draftOf);
    const at = list.findIndex((s) => s.id === stepId);
    const current = list[at];
    if (!current) throw notFound('step');
    list[at] = { ...current, ...patch };
    if (sequence.active) assertRunnableSteps([list[at]], () => 'body');
    await replaceSteps(tx, id, list, now);
    await touch(tx, id, now);
  });
}

export async function insertStep(
  db: Db,
  user: Actor,
  id: string,
  step: z.infer<typeof stepInputSchema>,
  now: Date,
): Promise<void> {
  const { sequence } = await loadSequenceFor(db, user, id, 'edit');
  if (sequence.active) assertRunnableSteps([step], () => 'body');
  await db.transaction(async (tx) => {
    const list = (await loadSteps(tx, id)).map(draftOf);
    await replaceSteps(tx, id, [...list, step], now);
    await touch(tx, id, now);
  });
}

/**
 * A fresh copy owned by the caller: same steps, schedule and ruleset, no contacts and no shares, and
 * switched off. It is how a contact starts over from step one (the seeds' "restart contacts").
 */
export async function copySequenceRows(db: Db, user: Actor, id: string, now: Date): Promise<string> {
  const { sequence } = await loadSequenceFor(db, user, id, 'view');
  const copyId = newId('seq', now.getTime());
  const suffix = ' (copy)';
  await db.transaction(async (tx) => {
    await tx.insert(sequences).values({
      id: copyId,
      teamId: user.teamId,
      ownerId: user.id,
      name: `${sequence.name.slice(0, MAX_NAME - suffix.length)}${suffix}`,
      active: false,
      schedule: sequence.schedule,
      ruleset: sequence.ruleset,
      createdAt: now,
      updatedAt: now,
    });
    await insertSteps(tx, copyId, (await loadSteps(tx, id)).map(draftOf), now);
  });
  return copyId;
}

export interface ShareEntry {
  userId: string;
  name: string;
  email: string;
  access: 'view' | 'edit';
}

export async function listShares(db: Db | Tx, id: string): Promise<ShareEntry[]> {
  return db
    .select({ userId: users.id, name: users.name, email: users.email, access: sequenceShares.access })
    .from(sequenceShares)
    .innerJoin(users, eq(users.id, sequenceShares.userId))
    .where(eq(sequenceShares.sequenceId, id))
    .orderBy(asc(users.id));
}

/** Sharing is the owner's (or an admin's) call; an edit share does not let its holder share further. */
async function loadOwned(db: Db, user: Actor, id: string) {
  const loaded = await loadSequenceFor(db, user, id, 'edit');
  if (loaded.access !== 'owner') throw forbidden('only the owner or an admin can share this sequence');
  return loaded.sequence;
}

export async function upsertSequenceShare(
  db: Db,
  user: Actor,
  id: string,
  body: z.infer<typeof shareSequenceSchema>,
  now: Date,
): Promise<ShareEntry[]> {
  const sequence = await loadOwned(db, user, id);
  const [target] = await db
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.id, body.userId), eq(users.teamId, user.teamId)));
  if (!target)
    throw invalid('userId must name a user of your team', [{ path: 'userId', message: 'unknown user' }]);
  if (target.id === sequence.ownerId) {
    throw invalid('the owner already has full access', [{ path: 'userId', message: 'is the owner' }]);
  }
  return db.transaction(async (tx) => {
    await tx
      .insert(sequenceShares)
      .values({ sequenceId: id, userId: target.id, access: body.access })
      .onConflictDoUpdate({
        target: [sequenceShares.sequenceId, sequenceShares.userId],
        set: { access: body.access },
      });
    await touch(tx, id, now);
    return listShares(tx, id);
  });
}

export async function deleteSequenceShare(
  db: Db,
  user: Actor,
  id: string,
  userId: string,
  now: Date,
): Promise<ShareEntry[]> {
  await loadOwned(db, user, id);
  return db.transaction(async (tx) => {
    await tx
      .delete(sequenceShares)
      .where(and(eq(sequenceShares.sequenceId, id), eq(sequenceShares.userId, userId)));
    await touch(tx, id, now);
    return listShares(tx, id);
  });
}
