import { asc, eq, inArray } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { activities, emails, tasks } from '../../../server/db/schema';
import { addContact, createSequence, enrollIds, step } from '../helpers/enrollment-fixtures';
import { type TestApp, useTestApp } from '../helpers/test-app';
import { backends } from '../helpers/test-database';

/*
 * The bulk route is set-based (one statement per kind of change); the single routes go one
 * enrollment at a time. Run the same story through both on twin enrollments and compare everything
 * they leave behind: the enrollment, its pending email or task, and its history rows.
 */

type Row = Record<string, unknown>;

const bulk = (t: TestApp, body: unknown) => t.call('POST', '/api/enrollments/bulk', { body });

async function single(t: TestApp, id: string, action: string, body?: Row) {
  if (action === 'remove') return t.call('DELETE', `/api/enrollments/${id}`);
  return t.call('POST', `/api/enrollments/${id}/${action}`, body ? { body } : {});
}

/** What an enrollment left behind, without its own ids. */
async function trace(t: TestApp, id: string) {
  const db = t.db.database.db;
  const e = (await t.call('GET', `/api/enrollments/${id}`)).body as Row;
  const mail = await db
    .select({
      stepId: emails.stepId,
      status: emails.status,
      dueAt: emails.dueAt,
      scheduledAt: emails.scheduledAt,
      waitingFor: emails.waitingFor,
    })
    .from(emails)
    .where(eq(emails.enrollmentId, id))
    .orderBy(asc(emails.stepId));
  const work = await db
    .select({ stepId: tasks.stepId, status: tasks.status, dueAt: tasks.dueAt })
    .from(tasks)
    .where(eq(tasks.enrollmentId, id))
    .orderBy(asc(tasks.stepId));
  const history = await db
    .select({ kind: activities.kind, actorId: activities.actorId, data: activities.data })
    .from(activities)
    .where(inArray(activities.enrollmentId, [id]));
  // Rows written in the same millisecond have no order of their own: compare them as a set.
  const key = (h: Row) => JSON.stringify(h);
  history.sort((a, b) => (key(a) < key(b) ? -1 : 1));
  const { id: _id, contactId: _c, createdAt: _ca, ...enrollment } = e;
  return { enrollment, mail, work, history };
}

describe.each(backends)('bulk lifecycle matches the single routes (%s)', (backend) => {
  const t = useTestApp(backend, { now: '2026-11-23T15:00:00Z' });

  async function twins(steps?: Row[]) {
    const seq = await createSequence(t, steps ? { steps } : {});
    const contactIds = [await addContact(t), await addContact(t)];
    const [one, many] = await enrollIds(t, seq.id, contactIds);
    return { one: one as string, many: many as string };
  }

  async function both(pair: { one: string; many: string }, action: string, body?: Row) {
    const s = await single(t, pair.one, action, body);
    const b = await bulk(t, { ids: [pair.many], action, ...body });
    expect(b.status).toBe(200);
    const [r] = b.body.results;
    if (s.status === 200) {
      expect(r).toMatchObject({ ok: true });
      const { id: _a, contactId: _b, createdAt: _c, ...one } = s.body;
      const { id: _d, contactId: _e, createdAt: _f, ...many } = r.enrollment;
      expect(many).toEqual(one);
    } else {
      expect(r).toMatchObject({
        ok: false,
        error: { code: s.body.error.code, message: s.body.error.message },
      });
    }
    expect(await trace(t, pair.many)).toEqual(await trace(t, pair.one));
  }

  it('pause until a date, resume after the slot passed, finish, and the conflicts after', async () => {
    const pair = await twins();
    await both(pair, 'pause', { resumeAt: '2026-12-01T12:00:00Z' });
    await both(pair, 'pause', {});
    t.clock.advance(3 * 24 * 3600_000);
    await both(pair, 'resume');
    await both(pair, 'resume');
    await both(pair, 'finish', { reason: 'meeting_booked' });
    await both(pair, 'finish', { reason: 'other' });
    await both(pair, 'pause', {});
    await both(pair, 'remove');
  });

  it('remove withdraws the pending email, removing twice changes nothing, resume is refused', async () => {
    const pair = await twins();
    await both(pair, 'remove');
    await both(pair, 'remove');
    await both(pair, 'resume');
  });

  it('a paused task step: resume plans nothing new, finish skips the open task', async () => {
    const pair = await twins([step({ type: 'task', subject: null, body: 'Call them' }), step()]);
    await both(pair, 'pause', {});
    t.clock.advance(24 * 3600_000);
    await both(pair, 'resume');
    await both(pair, 'finish', { reason: 'replied' });
  });
});
