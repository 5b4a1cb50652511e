import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { newId } from '../../../server/db/ids';
import { contacts, users } from '../../../server/db/schema';
import { defaultSchedule } from '../../../shared/schemas/schedule';
import { ADMIN, type TestApp, useTestApp } from '../helpers/test-app';
import { backends } from '../helpers/test-database';

const email = (over: Record<string, unknown> = {}) => ({
  type: 'auto_email',
  waitMinutes: 0,
  subject: 'Hello {{firstName}}',
  body: 'Body',
  ...over,
});

async function addContact(t: TestApp) {
  const [admin] = await t.db.database.db.select().from(users).where(eq(users.email, ADMIN.email));
  const id = newId('con');
  await t.db.database.db.insert(contacts).values({
    id,
    teamId: admin?.teamId ?? '',
    email: `${id}@p.test`,
    emailLower: `${id}@p.test`,
    emailStatus: 'verified',
    // The steps say "Hello {{firstName}}": without one, enrolling warns missing_dynamic_variable (API.md).
    firstName: 'Pat',
  });
  return id;
}

describe.each(backends)('sequences (%s)', (backend) => {
  const t = useTestApp(backend);

  it('creates with step ids at positions 1..n, defaults filled in, readable again', async () => {
    const r = await t.call('POST', '/api/sequences', {
      body: { name: 'Intro', steps: [email(), { type: 'call', waitMinutes: 1440 }] },
    });
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({
      name: 'Intro',
      active: false,
      schedule: defaultSchedule,
      ruleset: {},
      access: 'owner',
      counts: { active: 0, scheduled: 0, paused: 0, finished: 0, bounced: 0, not_sent: 0, removed: 0 },
    });
    expect(r.body.steps.map((s: any) => [s.position, s.type, s.threadMode, s.active])).toEqual([
      [1, 'auto_email', 'new_thread', true],
      [2, 'call', 'new_thread', true],
    ]);
    expect(new Set(r.body.steps.map((s: any) => s.id)).size).toBe(2);
    const again = await t.call('GET', `/api/sequences/${r.body.id}`);
    expect(again.body).toEqual(r.body);
  });

  it('rejects bad templates and impossible threading with a 400 naming the step', async () => {
    const unclosed = await t.call('POST', '/api/sequences', {
      body: { name: 'Bad', steps: [email(), email({ body: 'Hi {{firstName' })] },
    });
    expect(unclosed.status).toBe(400);
    expect(unclosed.body.error.code).toBe('validation_failed');
    expect(unclosed.body.error.details[0]).toMatchObject({ path: 'steps.1.body', index: 3 });
    expect(unclosed.body.error.message).toMatch(/^steps\.1\.body: Unclosed/);

    const reply = await t.call('POST', '/api/sequences', {
      body: { name: 'Bad', steps: [email({ threadMode: 'reply_previous' })] },
    });
    expect(reply.status).toBe(400);
    expect(reply.body.error.details[0].path).toBe('steps.0.threadMode');

    const shape = await t.call('POST', '/api/sequences', {
      body: { name: 'Bad', steps: [{ type: 'fax', waitMinutes: 0 }] },
    });
    expect(shape.status).toBe(400);

    const seq = await t.call('POST', '/api/sequences', { body: { name: 'Ok', steps: [email()] } });
    const stepId = seq.body.steps[0].id;
    const patched = await t.call('PATCH', `/api/sequences/${seq.body.id}/steps/${stepId}`, {
      body: { subject: 'Hi }} there' },
    });
    expect(patched.status).toBe(400);
    expect(patched.body.error.details[0].path).toBe('steps.0.subject');
    const appended = await t.call('POST', `/api/sequences/${seq.body.id}/steps`, {
      body: email({ body: '{{nope}}' }),
    });
    expect(appended.status).toBe(400);
    expect(appended.body.error.details[0].path).toBe('steps.1.body');
    expect((await t.call('GET', `/api/sequences/${seq.body.id}`)).body.steps).toHaveLength(1);
  });

  it('PATCH renames, switches on and replaces steps keeping ids; step edits and appends', async () => {
    const seq = (
      await t.call('POST', '/api/sequences', { body: { name: 'Edit me', steps: [email(), email()] } })
    ).body;
    const [a, b] = seq.steps.map((s: any) => s.id);
    const schedule = {
      timezone: 'Europe/Berlin',
      useContactTimezone: false,
      windows: [{ days: [1, 2], start: '08:00', end: '12:00' }],
    };
    const r = await t.call('PATCH', `/api/sequences/${seq.id}`, {
      body: {
        name: 'Edited',
        active: true,
        schedule,
        ruleset: { gdprBlockEu: true },
        steps: [email({ id: b, subject: 'Now first' }), { type: 'task', waitMinutes: 5 }, email({ id: a })],
      },
    });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ name: 'Edited', active: true, schedule, ruleset: { gdprBlockEu: true } });
    expect(r.body.steps.map((s: any) => [s.id === b, s.position, s.subject ?? s.type])).toEqual([
      [true, 1, 'Now first'],
      [false, 2, 'task'],
      [false, 3, 'Hello {{firstName}}'],
    ]);
    expect(r.body.steps[2].id).toBe(a);
    expect(Date.parse(r.body.updatedAt)).toBeGreaterThanOrEqual(Date.parse(seq.updatedAt));

    const foreign = await t.call('PATCH', `/api/sequences/${seq.id}`, {
      body: { steps: [email({ id: 'step_unknown' })] },
    });
    expect(foreign.status).toBe(400);

    const one = await t.call('PATCH', `/api/sequences/${seq.id}/steps/${a}`, {
      body: { active: false, waitMinutes: 90, threadMode: 'reply_previous' },
    });
    expect(one.status).toBe(200);
    expect(one.body.steps[2]).toMatchObject({
      id: a,
      active: false,
      waitMinutes: 90,
      threadMode: 'reply_previous',
    });
    expect(
      (await t.call('PATCH', `/api/sequences/${seq.id}/steps/step_nope`, { body: { active: true } })).status,
    ).toBe(404);

    const added = await t.call('POST', `/api/sequences/${seq.id}/steps`, {
      body: { type: 'linkedin', waitMinutes: 10 },
    });
    expect(added.status).toBe(201);
    expect(added.body.steps.map((s: any) => s.position)).toEqual([1, 2, 3, 4]);
    expect(added.body.steps[3]).toMatchObject({ type: 'linkedin', waitMinutes: 10 });
  });

  it('lists visible sequences with filters, counts and cursor pagination', async () => {
    const rep = await t.createUser('rep');
    const mk = (name: string, active: boolean, token?: string) =>
      t
        .call('POST', '/api/sequences', { token, body: { name, active, steps: [email()] } })
        .then((r) => r.body);
    const x = await mk('Zeta launch', true, rep.token);
    await mk('Zeta hidden from rep', true);
    const y = await mk('Zeta paused one', false, rep.token);
    await t.call('POST', `/api/sequences/${x.id}/enrollments`, {
      token: rep.token,
      body: { contactIds: [await addContact(t), await addContact(t)] },
    });
    const mine = await t.call('GET', '/api/sequences?q=zeta', { token: rep.token });
    expect(mine.body.items.map((s: any) => s.id).sort()).toEqual([x.id, y.id].sort());
    expect(mine.body.items.find((s: any) => s.id === x.id).counts).toMatchObject({ active: 2, paused: 0 });
    const active = await t.call('GET', '/api/sequences?q=zeta&active=true', { token: rep.token });
    expect(active.body.items.map((s: any) => s.id)).toEqual([x.id]);
    const page1 = await t.call('GET', '/api/sequences?q=Zeta&limit=2');
    expect(page1.body.items).toHaveLength(2);
    const page2 = await t.call('GET', `/api/sequences?q=Zeta&limit=2&cursor=${page1.body.nextCursor}`);
    expect(page2.body.items).toHaveLength(1);
    expect(page2.body.nextCursor).toBeUndefined();
    expect((await t.call('GET', '/api/sequences?q=100%25')).body.items).toEqual([]);
    expect((await t.call('GET', '/api/sequences?active=maybe')).status).toBe(400);
  });

  it('sharing: owner or admin only, team members only; view vs edit; strangers get 404', async () => {
    const owner = await t.createUser('rep');
    const viewer = await t.createUser('rep');
    const editor = await t.createUser('rep');
    const stranger = await t.createUser('rep');
    const seq = (
      await t.call('POST', '/api/sequences', {
        token: owner.token,
        body: { name: 'Shared', steps: [email()] },
      })
    ).body;
    const share = (userId: string, access: string, token = owner.token) =>
      t.call('POST', `/api/sequences/${seq.id}/share`, { token, body: { userId, access } });

    expect((await share(viewer.id, 'view')).status).toBe(200);
    const shared = await share(editor.id, 'edit');
    expect(shared.body.shares.map((s: any) => [s.userId, s.access]).sort()).toEqual(
      [
        [viewer.id, 'view'],
        [editor.id, 'edit'],
      ].sort(),
    );
    expect((await share(stranger.id, 'view', editor.token)).status).toBe(403);
    expect((await share(stranger.id, 'view', viewer.token)).status).toBe(403);
    expect((await share('usr_elsewhere', 'view')).status).toBe(400);
    expect((await share(owner.id, 'view')).status).toBe(400);
    expect((await share(stranger.id, 'admin')).status).toBe(400);
    expect((await share(stranger.id, 'view', stranger.token)).status).toBe(404);

    expect((await t.call('GET', `/api/sequences/${seq.id}`, { token: viewer.token })).body.access).toBe(
      'view',
    );
    expect((await t.call('GET', `/api/sequences/${seq.id}`, { token: editor.token })).body.access).toBe(
      'edit',
    );
    expect((await t.call('GET', `/api/sequences/${seq.id}`)).body.access).toBe('owner');
    expect((await t.call('GET', `/api/sequences/${seq.id}`, { token: stranger.token })).status).toBe(404);
    expect(
      (await t.call('PATCH', `/api/sequences/${seq.id}`, { token: viewer.token, body: { name: 'No' } }))
        .status,
    ).toBe(403);
    expect(
      (await t.call('PATCH', `/api/sequences/${seq.id}`, { token: stranger.token, body: { name: 'No' } }))
        .status,
    ).toBe(404);
    const stepPatch = await t.call('PATCH', `/api/sequences/${seq.id}/steps/${seq.steps[0].id}`, {
      token: viewer.token,
      body: { active: false },
    });
    expect(stepPatch.status).toBe(403);
    expect(
      (await t.call('POST', `/api/sequences/${seq.id}/steps`, { token: viewer.token, body: email() })).status,
    ).toBe(403);
    const renamed = await t.call('PATCH', `/api/sequences/${seq.id}`, {
      token: editor.token,
      body: { name: 'By editor' },
    });
    expect(renamed.status).toBe(200);
    expect(renamed.body.access).toBe('edit');
    const listed = await t.call('GET', '/api/sequences?q=By%20editor', { token: viewer.token });
    expect(listed.body.items.map((s: any) => [s.id, s.access])).toEqual([[seq.id, 'view']]);

    const downgraded = await share(editor.id, 'view');
    expect(downgraded.body.shares.find((s: any) => s.userId === editor.id).access).toBe('view');
    const unshared = await t.call('DELETE', `/api/sequences/${seq.id}/share/${viewer.id}`, {
      token: owner.token,
    });
    expect(unshared.body.shares.map((s: any) => s.userId)).toEqual([editor.id]);
    expect((await t.call('GET', `/api/sequences/${seq.id}`, { token: viewer.token })).status).toBe(404);
  });

  it('clone copies steps, schedule and ruleset into an inactive "(copy)" with no contacts', async () => {
    const rep = await t.createUser('rep');
    const viewer = await t.createUser('rep');
    const schedule = {
      timezone: 'Asia/Kolkata',
      useContactTimezone: true,
      windows: [{ days: [1, 3, 5], start: '10:00', end: '16:30' }],
    };
    const src = (
      await t.call('POST', '/api/sequences', {
        token: rep.token,
        body: {
          name: 'Original',
          active: true,
          schedule,
          ruleset: { blockedContactStages: ['Customer'] },
          steps: [email(), email({ threadMode: 'reply_previous', waitMinutes: 60, active: false })],
        },
      })
    ).body;
    await t.call('POST', `/api/sequences/${src.id}/enrollments`, {
      token: rep.token,
      body: { contactIds: [await addContact(t)] },
    });
    await t.call('POST', `/api/sequences/${src.id}/share`, {
      token: rep.token,
      body: { userId: viewer.id, access: 'view' },
    });

    const copy = await t.call('POST', `/api/sequences/${src.id}/clone`, { token: viewer.token });
    expect(copy.status).toBe(201);
    expect(copy.body).toMatchObject({
      name: 'Original (copy)',
      active: false,
      ownerId: viewer.id,
      access: 'owner',
      schedule,
      ruleset: { blockedContactStages: ['Customer'] },
    });
    expect(copy.body.id).not.toBe(src.id);
    expect(copy.body.counts.active).toBe(0);
    const strip = (s: any) => ({ ...s, id: undefined });
    expect(copy.body.steps.map(strip)).toEqual(src.steps.map(strip));
    expect(copy.body.steps.map((s: any) => s.id)).not.toContain(src.steps[0].id);
    expect((await t.call('GET', `/api/sequences/${src.id}`, { token: rep.token })).body.counts.active).toBe(
      1,
    );
    const stranger = await t.createUser('rep');
    expect((await t.call('POST', `/api/sequences/${src.id}/clone`, { token: stranger.token })).status).toBe(
      404,
    );
  });

  it('a contact restarts from step one in a clone of a sequence it went through', async () => {
    const contactId = await addContact(t);
    const src = (
      await t.call('POST', '/api/sequences', { body: { name: 'Restart', active: true, steps: [email()] } })
    ).body;
    const [e] = (
      await t.call('POST', `/api/sequences/${src.id}/enrollments`, { body: { contactIds: [contactId] } })
    ).body.enrollments;
    await t.call('DELETE', `/api/enrollments/${e.id}`);
    const copy = (await t.call('POST', `/api/sequences/${src.id}/clone`)).body;
    const r = await t.call('POST', `/api/sequences/${copy.id}/enrollments`, {
      body: { contactIds: [contactId] },
    });
    expect(r.body.enrollments[0]).toMatchObject({ sequenceId: copy.id, currentStep: 1 });
    expect(r.body.enrollments[0].id).not.toBe(e.id);
  });
});
