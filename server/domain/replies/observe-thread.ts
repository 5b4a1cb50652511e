import type { ObserveResult, ObserveThreadBody } from '../../../shared/schemas/observe';
import type { Db } from '../../db/client';
import type { Actor } from '../actor';
import { applyObservation, type ObserveEvent } from './apply-observation';
import { concernsSomeone, planThread } from './match-thread';

/**
 * `POST /api/threads/observe`: what the contact's messages in a thread mean for their enrollments.
 * Replies finish (or are recorded, per the ruleset), out-of-office answers pause until the return
 * date, bounces stop the enrollment and flag the address, other automatic answers are only recorded.
 * Each message is applied in its own short transaction, so one thread of hundreds of messages never
 * holds enrollment locks for long. Returns only what this call changed: a replay returns no events.
 */
export async function observeThread(
  db: Db,
  user: Actor,
  body: ObserveThreadBody,
  now: Date,
): Promise<ObserveResult> {
  const plans = await planThread(db, user, body, now);
  const ctx = { teamId: user.teamId, reporterId: user.id, host: body.host, threadId: body.threadId, now };
  const events: ObserveEvent[] = [];
  for (const plan of plans) {
    // A message that concerns no enrollment leaves no key: a colleague who can see the contact
    // may still report it, and must not find it already "seen".
    if (!concernsSomeone(plan)) continue;
    events.push(...(await db.transaction((tx) => applyObservation(tx, plan, ctx))));
  }
  return {
    events: events.map((e) => ({
      enrollmentId: e.enrollmentId,
      kind: e.kind,
      ...(e.resumeAt && { resumeAt: e.resumeAt.toISOString() }),
    })),
  };
}
