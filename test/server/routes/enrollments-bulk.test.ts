import { and, eq, inArray } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { activities, emails } from '../../../server/db/schema';
import { addContact, createSequence, enrollIds, step } from '../helpers/enrollment-fixtures';
import { type TestApp, useTestApp } from '../helpers/test-app';
import { backends } from '../helpers/test-database';

type Result =
  | { id: string; ok: true; enrollment: Record<string, unknown> }
  | { id: string; ok: false; error: { code: string; message: string } };

const bulk = (t: TestApp, body: unknown, token?: string) =>
  t.call('POST', '/api/enrollments/bulk', { token, body });

/** `id → ok` or `id → error code`, in the order the server answered. */
const summary = (results: Result[]) => results.map((r) => [r.id, r.ok ? 'ok' : r.error.code]);

async function statuses(t: TestApp, ids: string[], token?: string) {
  const out: string[] = [];
  for (const id of ids) out.push((await t.call('GET', `/api/enrollments/${id}`, { token })).body.status);
  return out;
}

async function pendingEmails(t: TestApp, enrollmentIds: string[]) {
  return t.db.database.db
    .select({ enrollmentId: emails.enrollmentId })
    .from(emails)
    .where(and(inArray(emails.enrollmentId, enrollmentIds), eq(emails.status, 'scheduled')));
}

describe.each(backends)('POST /api/enrollments/bulk (%s)', (backend) => {
  const t = useTestApp(backend, { now: '2026-11-23T15:00:00Z' });

  async function fresh(n: number, token?: string) {
    const seq = await createSequence(t, {}, token);
    const contactIds: string[] = [];
    for (let i = 0; i < n; i++) contactIds.push(await addContact(t));
    return { seq, ids: await enrollIds(t, seq.id, contactIds, token) };
  }

  it('pauses until a date, resumes, finishes with a reason and removes, as the single routes do', async () => {
    const { ids } = await fresh(3);
    const paused = await bulk(t, { ids, action: 'pause', resumeAt: '2026-12-01T12:00:00+01:00' });
    expect(paused.status).toBe(200);
    expect(summary(paused.body.results)).toEqual(ids.map((id) => [id, 'ok']));
    for (const r of paused.body.results) {
      expect(r.enrollment).toMatchObject({
        status: 'paused',
        pausedReason: 'manual',
        resumeAt: '2026-12-01T11:00:00.000Z',
      });
    }
    // Pausing keeps the pending email in place, as POST /enrollments/:id/pause does.
    expect(await pendingEmails(t, ids)).toHaveLength(3);

    const [a, b, c] = ids as [string, string, string];
    const resumed = await bulk(t, { ids: [a], action: 'resume' });
    expect(resumed.body.results[0].enrollment).toMatchObject({ id: a, status: 'active' });
    expect(resumed.body.results[0].enrollment.resumeAt).toBeUndefined();

    const finished = await bulk(t, { ids: [a, b], action: 'finish', reason: 'meeting_booked' });
    expect(finished.body.results.map((r: Result) => r.ok && r.enrollment)).toEqual([
      expect.objectContaining({ id: a, status: 'finished', finishedReason: 'meeting_booked' }),
      expect.objectContaining({ id: b, status: 'finished', finishedReason: 'meeting_booked' }),
    ]);
    expect((await pendingEmails(t, [a, b])).length).toBe(0);

    const removed = await bulk(t, { ids: [c], action: 'remove' });
    expect(removed.body.results[0].enrollment).toMatchObject({ id: c, status: 'removed' });
    expect(await statuses(t, ids)).toEqual(['finished', 'finished', 'removed']);

    // The history names who acted, exactly like the one-at-a-time routes.
    const kinds = await t.db.database.db
      .select({ kind: activities.kind, actorId: activities.actorId, data: activities.data })
      .from(activities)
      .where(eq(activities.enrollmentId, a));
    expect(kinds.map((k) => k.kind)).toEqual(
      expect.arrayContaining(['enrollment.paused', 'enrollment.resumed', 'enrollment.finished']),
    );
    expect(kinds.find((k) => k.kind === 'enrollment.finished')?.data).toMatchObject({
      reason: 'meeting_booked',
      emailsCancelled: 1,
    });
    expect(new Set(kinds.filter((k) => k.kind !== 'enrollment.created').map((k) => k.actorId)).size).toBe(1);
  });

  it('reports each id: a conflict or an unknown id fails alone, repeats answer once, order is kept', async () => {
    const { ids } = await fresh(3);
    const [a, b, c] = ids as [string, string, string];
    await t.call('POST', `/api/enrollments/${b}/pause`);
    await t.call('POST', `/api/enrollments/${c}/finish`, { body: { reason: 'other' } });

    const r = await bulk(t, { ids: [c, 'enr_missing', a, b, a], action: 'resume' });
    expect(r.status).toBe(200);
    expect(summary(r.body.results)).toEqual([
      [c, 'conflict'],
      ['enr_missing', 'not_found'],
      [a, 'conflict'],
      [b, 'ok'],
    ]);
    expect(r.body.results[0].error.message).toBe(
      'only a paused enrollment can be resumed (this one is finished)',
    );
    expect(r.body.results[1].error.message).toBe('enrollment not found');
    expect(await statuses(t, ids)).toEqual(['active', 'active', 'finished']);

    // Removing twice changes nothing and is no error, as DELETE /enrollments/:id.
    const removed = await bulk(t, { ids: [a, a], action: 'remove' });
    expect(summary(removed.body.results)).toEqual([[a, 'ok']]);
    expect(summary((await bulk(t, { ids: [a], action: 'remove' })).body.results)).toEqual([[a, 'ok']]);
    // Finishing a removed one is a conflict; the other finishes.
    const fin = await bulk(t, { ids: [a, b], action: 'finish', reason: 'replied' });
    expect(summary(fin.body.results)).toEqual([
      [a, 'conflict'],
      [b, 'ok'],
    ]);
  });

  it('re-enrolls removed and finished enrollments where they left off, as enrolling again does', async () => {
    const seq = await createSequence(t, { steps: [step({ body: 'Hello {{firstName}}' })] });
    const contactIds = [await addContact(t), await addContact(t), await addContact(t)];
    // No first name, which the step's template asks for: a warning, as when enrolling.
    const nameless = await addContact(t, { firstName: null });
    const ids = await enrollIds(t, seq.id, [...contactIds, nameless]);
    const [a, b, c, d] = ids as [string, string, string, string];
    await t.call('POST', `/api/enrollments/${a}/finish`, { body: { reason: 'other' } });
    await t.call('DELETE', `/api/enrollments/${b}`);
    await t.call('DELETE', `/api/enrollments/${d}`);
    expect(await pendingEmails(t, [a, b, d])).toHaveLength(0);

    const r = await bulk(t, { ids: [a, b, c, d, 'enr_missing'], action: 'reenroll' });
    expect(r.status).toBe(200);
    expect(summary(r.body.results)).toEqual([
      [a, 'ok'],
      [b, 'ok'],
      [c, 'conflict'],
      [d, 'missing_dynamic_variable'],
      ['enr_missing', 'not_found'],
    ]);
    expect(r.body.results[2].error.message).toBe(
      'only a removed or finished enrollment can be re-enrolled (this one is active)',
    );
    for (const res of r.body.results.slice(0, 2))
      expect(res.enrollment).toMatchObject({ status: 'active', currentStep: 1 });
    expect(r.body.results[0].enrollment.finishedReason).toBeUndefined();
    // Same rows carry on: the step's email is planned again, and the history says re-enrolled.
    expect((await pendingEmails(t, [a, b])).map((e) => e.enrollmentId).sort()).toEqual([a, b].sort());
    const history = await t.db.database.db
      .select({ enrollmentId: activities.enrollmentId })
      .from(activities)
      .where(and(inArray(activities.enrollmentId, ids), eq(activities.kind, 'enrollment.reenrolled')));
    expect(history.map((h) => h.enrollmentId).sort()).toEqual([a, b].sort());
    expect(await statuses(t, ids)).toEqual(['active', 'active', 'active', 'removed']);

    // Accepting the warnings enrolls the last one too; skipValidation belongs to reenroll only.
    const forced = await bulk(t, { ids: [d], action: 'reenroll', skipValidation: true });
    expect(summary(forced.body.results)).toEqual([[d, 'ok']]);
    const refused = await bulk(t, { ids: [a], action: 'pause', skipValidation: true });
    expect(refused.status).toBe(400);
    expect(JSON.stringify(refused.body)).toContain('skipValidation');
  });

  it("a rep's ids of other reps' enrollments are not_found one by one; view-only shares are forbidden", async () => {
    const owner = await t.createUser('rep');
    const stranger = await t.createUser('rep');
    const viewer = await t.createUser('rep');
    const editor = await t.createUser('rep');
    const theirs = await fresh(2, owner.token);
    for (const [u, access] of [
      [viewer, 'view'],
      [editor, 'edit'],
    ] as const) {
      const s = await t.call('POST', `/api/sequences/${theirs.seq.id}/share`, {
        token: owner.token,
        body: { userId: u.id, access },
      });
      expect(s.status).toBe(200);
    }
    const mine = await fresh(1, stranger.token);
    const all = [...theirs.ids, ...mine.ids];

    const asStranger = await bulk(t, { ids: all, action: 'pause' }, stranger.token);
    expect(asStranger.status).toBe(200);
    expect(summary(asStranger.body.results)).toEqual([
      [theirs.ids[0], 'not_found'],
      [theirs.ids[1], 'not_found'],
      [mine.ids[0], 'ok'],
    ]);
    // A hidden enrollment's error reads exactly like an id that never existed.
    expect(asStranger.body.results[0].error).toEqual({ code: 'not_found', message: 'enrollment not found' });
    expect(await statuses(t, theirs.ids, owner.token)).toEqual(['active', 'active']);

    const asViewer = await bulk(t, { ids: theirs.ids, action: 'finish', reason: 'other' }, viewer.token);
    expect(summary(asViewer.body.results)).toEqual(theirs.ids.map((id) => [id, 'forbidden']));
    expect(await statuses(t, theirs.ids, owner.token)).toEqual(['active', 'active']);

    const asEditor = await bulk(t, { ids: theirs.ids, action: 'pause' }, editor.token);
    expect(summary(asEditor.body.results)).toEqual(theirs.ids.map((id) => [id, 'ok']));
    // The admin acts on the whole team.
    const asAdmin = await bulk(t, { ids: all, action: 'remove' });
    expect(summary(asAdmin.body.results)).toEqual(all.map((id) => [id, 'ok']));
  });

  it('refuses a malformed request with a 400 naming the failing fields, changing nothing', async () => {
    const { ids } = await fresh(1);
    const cases: Array<[unknown, string]> = [
      [{ ids: [], action: 'pause' }, 'ids'],
      [{ ids: Array.from({ length: 10_001 }, (_, i) => `enr_${i}`), action: 'pause' }, 'ids'],
      [{ ids: [''], action: 'pause' }, 'ids.0'],
      [{ ids: 'enr_1', action: 'pause' }, 'ids'],
      [{ ids, action: 'archive' }, 'action'],
      [{ ids }, 'action'],
      [{ ids, action: 'finish' }, 'reason'],
      [{ ids, action: 'finish', reason: 'bored' }, 'reason'],
      [{ ids, action: 'pause', reason: 'replied' }, 'reason'],
      [{ ids, action: 'resume', resumeAt: '2026-12-01T12:00:00Z' }, 'resumeAt'],
      [{ ids, action: 'pause', resumeAt: '2026-02-30T25:61:00Z' }, 'resumeAt'],
      [{ ids, action: 'pause', resumeAt: 'next week' }, 'resumeAt'],
      // A date in the past depends on the clock: checked before anything changes, named the same way.
      [{ ids, action: 'pause', resumeAt: '2026-11-23T14:59:00Z' }, 'resumeAt'],
      [{ ids, action: 'pause', force: true }, '(body)'],
    ];
    for (const [body, path] of cases) {
      const r = await bulk(t, body);
      expect(r.status, JSON.stringify(body).slice(0, 80)).toBe(400);
      expect(r.body.error.code).toBe('validation_failed');
      expect(r.body.error.details.map((d: { path: string }) => d.path)).toContain(path);
    }
    const raw = await t.call('POST', '/api/enrollments/bulk', {
      raw: '{not json',
      headers: { 'content-type': 'application/json' },
    });
    expect(raw.status).toBe(400);
    expect(await statuses(t, ids)).toEqual(['active']);
    expect(
      (await t.call('POST', '/api/enrollments/bulk', { token: null, body: { ids, action: 'pause' } })).status,
    ).toBe(401);
  });
});
