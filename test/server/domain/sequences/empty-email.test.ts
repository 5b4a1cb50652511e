import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { sequences, steps } from '../../../../server/db/schema';
import { useTestApp } from '../../helpers/test-app';
import { backends } from '../../helpers/test-database';
import { harness } from '../../scheduler/scheduler-harness';

const MONDAY_9_NY = '2026-11-23T14:00:00Z';

const step = (over: Record<string, unknown> = {}) => ({
  type: 'auto_email',
  waitMinutes: 0,
  subject: 'Hello {{firstName}}',
  body: 'Hi there',
  ...over,
});

const EMPTY = { subject: '', body: '<p>&nbsp;</p>\n' };

describe.each(backends)('an empty email can neither be activated nor sent (%s)', (backend) => {
  const t = useTestApp(backend, { now: MONDAY_9_NY });

  it('refuses to create an active sequence whose automatic email has no subject and no body', async () => {
    const r = await t.call('POST', '/api/sequences', {
      body: { name: 'Empty', active: true, steps: [step(), step(EMPTY)] },
    });
    expect(r.status).toBe(400);
    expect(r.body.error.code).toBe('validation_failed');
    expect(r.body.error.details).toEqual([
      { path: 'steps.1.body', message: expect.stringContaining('no subject and no body') },
    ]);
    // As a draft it is fine: a rep may save an unfinished step.
    const draft = await t.call('POST', '/api/sequences', {
      body: { name: 'Draft', steps: [step(), step(EMPTY), { type: 'manual_email', waitMinutes: 0 }] },
    });
    expect(draft.status).toBe(201);
    expect(draft.body.active).toBe(false);
  });

  it('refuses to switch a sequence on, or to empty or re-enable a step of a running one', async () => {
    const draft = await t.call('POST', '/api/sequences', {
      body: { name: 'Draft', steps: [step(), step({ ...EMPTY, subject: null, body: null })] },
    });
    const id = draft.body.id as string;
    const on = await t.call('PATCH', `/api/sequences/${id}`, { body: { active: true } });
    expect(on.status).toBe(400);
    expect(on.body.error.details[0].path).toBe('steps.1.body');
    expect((await t.call('GET', `/api/sequences/${id}`)).body.active).toBe(false);

    // Switching the empty step off makes the sequence runnable.
    const [, empty] = draft.body.steps as { id: string }[];
    expect(
      (await t.call('PATCH', `/api/sequences/${id}/steps/${empty!.id}`, { body: { active: false } })).status,
    ).toBe(200);
    expect((await t.call('PATCH', `/api/sequences/${id}`, { body: { active: true } })).status).toBe(200);

    // Now running: switching the empty step back on, emptying a step or appending an empty one is refused.
    const reOn = await t.call('PATCH', `/api/sequences/${id}/steps/${empty!.id}`, { body: { active: true } });
    expect(reOn.status).toBe(400);
    expect(reOn.body.error.details).toEqual([{ path: 'body', message: expect.any(String) }]);
    const [first] = draft.body.steps as { id: string }[];
    const emptied = await t.call('PATCH', `/api/sequences/${id}/steps/${first!.id}`, { body: EMPTY });
    expect(emptied.status).toBe(400);
    const replaced = await t.call('PATCH', `/api/sequences/${id}`, { body: { steps: [step(EMPTY)] } });
    expect(replaced.status).toBe(400);
    const after = await t.call('GET', `/api/sequences/${id}`);
    expect(after.body.steps[0]).toMatchObject({ subject: 'Hello {{firstName}}', body: 'Hi there' });
    expect(after.body.steps[1]).toMatchObject({ active: false });

    // A subject alone, or a body alone, is enough.
    const subjectOnly = await t.call('PATCH', `/api/sequences/${id}/steps/${empty!.id}`, {
      body: { active: true, subject: 'Checking in' },
    });
    expect(subjectOnly.status).toBe(200);
  });

  it('never sends an email that renders empty, and says why', async () => {
    const h = await harness(t);
    const box = await h.mailbox();
    // Passes activation (it has tags) but every tag renders empty for this contact.
    const seq = await h.sequence({
      steps: [step({ subject: '{{fields.topic | ""}}', body: '{{fields.note | ""}}' })],
    });
    const [enr] = await h.enroll(seq.id, [await h.contact()], [box]);
    await h.drain();
    expect(h.provider.sent).toHaveLength(0);
    const [email] = await h.emailsOf(enr!);
    expect(email).toMatchObject({ status: 'not_sent', reason: 'other' });
    expect(email!.detail).toContain('no subject and no body');

    // A retry, even forced, does not send it either.
    const retry = await t.call('POST', '/api/emails/retry', { body: { ids: [email!.id], force: true } });
    expect(retry.status).toBeLessThan(300);
    await h.drain();
    expect(h.provider.sent).toHaveLength(0);
    expect((await h.emailsOf(enr!))[0]).toMatchObject({ status: 'not_sent', reason: 'other' });
  });

  it('an empty step left in a running sequence (stored before this check) is held, not sent', async () => {
    const h = await harness(t);
    const box = await h.mailbox();
    const seq = await h.sequence({ steps: [step()] });
    const db = t.db.database.db;
    await db.update(steps).set({ subject: null, body: '  ' }).where(eq(steps.sequenceId, seq.id));
    expect((await db.select().from(sequences).where(eq(sequences.id, seq.id)))[0]?.active).toBe(true);
    const [enr] = await h.enroll(seq.id, [await h.contact()], [box]);
    await h.drain();
    expect(h.provider.sent).toHaveLength(0);
    expect((await h.emailsOf(enr!))[0]).toMatchObject({ status: 'not_sent', reason: 'other' });

    const pre = await t.call('POST', '/api/preflight', {
      body: { contactId: (await h.enrollment(enr!)).contactId, sequenceId: seq.id, stepId: seq.steps[0]!.id },
    });
    expect(pre.body.ok).toBe(false);
    expect(pre.body.reasons).toContainEqual(
      expect.objectContaining({ code: 'other', message: expect.stringContaining('no subject and no body') }),
    );
  });
});
