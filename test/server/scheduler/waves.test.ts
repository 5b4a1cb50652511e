import { eq, inArray } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { emails } from '../../../server/db/schema';
import { claimBatch } from '../../../server/scheduler/claim-batch';
import { dispatchClaims } from '../../../server/scheduler/dispatch';
import { recordOutcomes } from '../../../server/scheduler/record-outcomes';
import { markDispatched } from '../../../server/scheduler/sql/mark-dispatched';
import { useTestApp } from '../helpers/test-app';
import { backends } from '../helpers/test-database';
import { harness } from './scheduler-harness';

const MONDAY_9_NY = '2026-11-23T14:00:00Z';

describe.each(backends)('waves on %s', (backend) => {
  const t = useTestApp(backend, { now: MONDAY_9_NY });

  it('recording a wave marks the next one dispatched in the same commit, only the claims still owned', async () => {
    const h = await harness(t);
    const box = await h.mailbox();
    const seq = await h.sequence();
    await h.enroll(seq.id, [await h.contact(), await h.contact(), await h.contact()], [box]);
    const db = t.db.database.db;
    const claims = await claimBatch(db, t.clock.now(), h.config);
    expect(claims).toHaveLength(3);
    const [first, second, third] = claims;
    if (!first || !second || !third) throw new Error('three claims expected');

    const owned = await markDispatched(db, [first], t.clock.now(), h.config.leaseMs);
    const outcomes = await dispatchClaims(owned, h.deps(), 1);
    // Lease recovery took the third over meanwhile: this worker must not send it.
    await db.update(emails).set({ attemptId: 'taken-over' }).where(eq(emails.id, third.email.id));
    t.clock.advance(1000);
    const next = await recordOutcomes(db, outcomes, t.clock.now(), h.config, () => 0.5, [second, third]);

    expect(next.map((c) => c.email.id)).toEqual([second.email.id]);
    const rows = await db
      .select()
      .from(emails)
      .where(inArray(emails.id, [first.email.id, second.email.id, third.email.id]));
    const byId = new Map(rows.map((r) => [r.id, r]));
    expect(byId.get(first.email.id)).toMatchObject({ status: 'sent', sentAt: t.clock.now() });
    expect(byId.get(second.email.id)).toMatchObject({
      status: 'sending',
      dispatchedAt: t.clock.now(),
      leaseUntil: new Date(t.clock.now().getTime() + h.config.leaseMs),
    });
    expect(byId.get(third.email.id)).toMatchObject({ status: 'sending', dispatchedAt: null });
    expect(h.provider.sent).toHaveLength(1);
  });
});
