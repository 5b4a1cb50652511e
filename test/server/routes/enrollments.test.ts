import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { newId } from '../../../server/db/ids';
import { activities, emails, enrollments, teams, users } from '../../../server/db/schema';
import { completeStep } from '../../../server/domain/enrollments/complete-step';
import { startDueEnrollments } from '../../../server/domain/enrollments/lifecycle';
import {
  addContact,
  addMailbox,
  adminOf,
  createSequence,
  enroll,
  enrollIds,
} from '../helpers/enrollment-fixtures';
import { type TestApp, useTestApp } from '../helpers/test-app';
import { backends } from '../helpers/test-database';

async function emailRows(t: TestApp, enrollmentId: string) {
  return t.db.database.db.select().from(emails).where(eq(emails.enrollmentId, enrollmentId));
}

describe.each(backends)('enrollments (%s)', (backend) => {
  const t = useTestApp(backend);

  it('enrolling on a Sunday schedules step one for Monday 09:00 in the contact’s zone', async () => {
    t.clock.set('2026-11-22T15:00:00Z');
    const admin = await adminOf(t);
    const mbx = await addMailbox(t, admin.id, 'admin@acme.test');
    const seq = await createSequence(t);
    const contactId = await addContact(t, { prospectScore: 77 });
    const r = await enroll(t, seq.id, { contactIds: [contactId] });
    expect(r.status).toBe(200);
    expect(r.body.rejected).toEqual([]);
    expect(r.body.warnings).toEqual([]);
    const [e] = r.body.enrollments;
    expect(e).toMatchObject({ contactId, status: 'active', currentStep: 1, mailboxIds: [mbx] });
    expect(e.nextRunAt).toBe('2026-11-23T14:00:00.000Z');
    const [row] = await emailRows(t, e.id);
    expect(row).toMatchObject({
      status: 'scheduled',
      stepId: seq.steps[0]?.id,
      mailboxId: mbx,
      waitingFor: 'window',
      subject: 'Hi {{firstName | "there"}}',
      prospectScore: 77,
    });
    expect(row?.dueAt?.toISOString()).toBe('2026-11-23T14:00:00.000Z');
    expect(row?.scheduledAt?.toISOString()).toBe('2026-11-23T14:00:00.000Z');
    expect(row?.messageId).toMatch(/^<[0-9a-f-]{36}@acme\.test>$/);
    const [stored] = await t.db.database.db.select().from(enrollments).where(eq(enrollments.id, e.id));
    expect(stored?.prospectScore).toBe(77);
  });

  it('startAt in the future: scheduled, first email at the start, active once the start has come', async () => {
    t.clock.set('2026-11-23T15:00:00Z');
    const seq = await createSequence(t);
    const contactId = await addContact(t);
    const r = await enroll(t, seq.id, { contactIds: [contactId], startAt: '2026-11-25T20:00:00Z' });
    const [e] = r.body.enrollments;
    expect(e).toMatchObject({ status: 'scheduled', nextRunAt: '2026-11-25T20:00:00.000Z' });
    expect((await emailRows(t, e.id))[0]?.dueAt?.toISOString()).toBe('2026-11-25T20:00:00.000Z');

    expect(await startDueEnrollments(t.db.database.db, t.clock.now())).toBe(0);
    t.clock.set('2026-11-25T20:00:00Z');
    expect(await startDueEnrollments(t.db.database.db, t.clock.now())).toBeGreaterThanOrEqual(1);
    expect((await t.call('GET', `/api/enrollments/${e.id}`)).body.status).toBe('active');
  });

  describe('warnings', () => {
    const cases = [
      {
        code: 'unverified_email',
        setup: async (_t: TestApp) => ({ contact: { emailStatus: 'unverified' as const } }),
      },
      { code: 'missing_email', setup: async () => ({ contact: { email: null } }) },
      {
        code: 'owned_by_other_user',
        setup: async (tt: TestApp) => ({ contact: { ownerId: (await tt.createUser('rep')).id } }),
      },
      {
        code: 'blocked_contact_stage',
        setup: async () => ({
          contact: { stage: 'Disqualified' },
          ruleset: { blockedContactStages: ['disqualified'] },
        }),
      },
    ];
    it.each(cases)('$code: rejected without skipValidation, enrolled with it', async ({ code, setup }) => {
      t.clock.set('2026-11-23T15:00:00Z');
      const s = await setup(t);
      const seq = await createSequence(t, 'ruleset' in s ? { ruleset: s.ruleset } : {});
      const contactId = await addContact(t, s.contact);
      const refused = await enroll(t, seq.id, { contactIds: [contactId] });
      expect(refused.status).toBe(200);
      expect(refused.body.enrollments).toEqual([]);
      expect(refused.body.rejected).toEqual([{ contactId, code }]);
      expect(refused.body.warnings).toEqual([{ contactId, code }]);

      const forced = await enroll(t, seq.id, { contactIds: [contactId], skipValidation: true });
      expect(forced.body.rejected).toEqual([]);
      expect(forced.body.warnings).toEqual([{ contactId, code }]);
      expect(forced.body.enrollments).toHaveLength(1);
    });

    it('already_in_another_sequence: rejected, or enrolled with skipValidation', async () => {
      const first = await createSequence(t, { name: 'First' });
      const second = await createSequence(t, { name: 'Second' });
      const contactId = await addContact(t);
      expect((await enroll(t, first.id, { contactIds: [contactId] })).body.enrollments).toHaveLength(1);
      const refused = await enroll(t, second.id, { contactIds: [contactId] });
      expect(refused.body.rejected).toEqual([{ contactId, code: 'already_in_another_sequence' }]);
      const forced = await enroll(t, second.id, { contactIds: [contactId], skipValidation: true });
      expect(forced.body.enrollments).toHaveLength(1);
      expect(forced.body.warnings).toEqual([{ contactId, code: 'already_in_another_sequence' }]);
    });
  });

  it('rejects contacts the caller cannot see, and contacts already active here', async () => {
    const rep = await t.createUser('rep');
    const other = await t.createUser('rep');
    const seq = await createSequence(t, {}, rep.token);
    const hidden = await addContact(t, { ownerId: other.id });
    const mine = await addContact(t, { ownerId: rep.id });
    const first = await enroll(t, seq.id, { contactIds: [hidden, mine, 'con_nope'] }, rep.token);
    expect(first.body.rejected).toEqual([
      { contactId: hidden, code: 'not_found' },
      { contactId: 'con_nope', code: 'not_found' },
    ]);
    expect(first.body.enrollments.map((e: { contactId: string }) => e.contactId)).toEqual([mine]);
    const again = await enroll(t, seq.id, { contactIds: [mine], skipValidation: true }, rep.token);
    expect(again.body.rejected).toEqual([{ contactId: mine, code: 'already_in_sequence' }]);
  });

  it('stores the mailbox pool, rotating the first mailbox per contact; foreign mailboxes are a 400', async () => {
    const admin = await adminOf(t);
    const a = await addMailbox(t, admin.id, 'a@rot.test');
    const b = await addMailbox(t, admin.id, 'b@rot.test');
    const seq = await createSequence(t);
    const ids = [await addContact(t), await addContact(t), await addContact(t)];
    const r = await enroll(t, seq.id, { contactIds: ids, mailboxIds: [a, b] });
    expect(r.body.enrollments.map((e: { mailboxIds: string[] }) => e.mailboxIds)).toEqual([
      [a, b],
      [b, a],
      [a, b],
    ]);
    const rows = await emailRows(t, r.body.enrollments[1].id);
    expect(rows[0]?.mailboxId).toBe(b);
    expect(rows[0]?.messageId).toMatch(/@rot\.test>$/);

    const teamId = newId('team');
    await t.db.database.db.insert(teams).values({ id: teamId, name: 'Elsewhere' });
    const outsider = newId('usr');
    await t.db.database.db.insert(users).values({
      id: outsider,
      teamId,
      email: `${outsider}@else.test`,
      name: 'X',
      role: 'rep',
      passwordHash: 'x',
    });
    const foreign = await addMailbox(t, outsider, 'x@else.test', teamId);
    const bad = await enroll(t, seq.id, { contactIds: [await addContact(t)], mailboxIds: [a, foreign] });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body.error.details)).toContain(foreign);
  });

  it('re-enrolling a removed contact resumes at the step it left off; removal keeps history', async () => {
    t.clock.set('2026-11-23T15:00:00Z');
    const seq = await createSequence(t);
    const contactId = await addContact(t);
    const [e] = (await enroll(t, seq.id, { contactIds: [contactId] })).body.enrollments;
    const db = t.db.database.db;
    // What the scheduler does after a send: mark the row sent, then complete the step.
    await db
      .update(emails)
      .set({ status: 'sent', sentAt: t.clock.now() })
      .where(eq(emails.enrollmentId, e.id));
    await db.transaction((tx) => completeStep(tx, e.id, t.clock.now(), { stepId: seq.steps[0]?.id }));
    expect((await emailRows(t, e.id)).map((r) => r.status).sort()).toEqual(['scheduled', 'sent']);

    const removed = await t.call('DELETE', `/api/enrollments/${e.id}`);
    expect(removed.status).toBe(200);
    expect(removed.body).toMatchObject({ status: 'removed', currentStep: 2 });
    expect(removed.body.nextRunAt).toBeUndefined();
    expect((await emailRows(t, e.id)).map((r) => r.status)).toEqual(['sent']);
    expect((await t.call('GET', `/api/enrollments/${e.id}`)).body.status).toBe('removed');
    const kinds = (await db.select().from(activities).where(eq(activities.enrollmentId, e.id))).map(
      (a) => a.kind,
    );
    expect(kinds).toEqual(
      expect.arrayContaining(['enrollment.created', 'enrollment.step_completed', 'enrollment.removed']),
    );
    const listed = await t.call('GET', `/api/enrollments?contactId=${contactId}&status=removed`);
    expect(listed.body.items.map((x: { id: string }) => x.id)).toEqual([e.id]);

    t.clock.set('2026-11-24T15:00:00Z');
    const again = await enroll(t, seq.id, { contactIds: [contactId] });
    expect(again.body.rejected).toEqual([]);
    expect(again.body.enrollments[0]).toMatchObject({ id: e.id, status: 'active', currentStep: 2 });
    const rows = await emailRows(t, e.id);
    expect(rows.filter((r) => r.stepId === seq.steps[0]?.id)).toHaveLength(1);
    // Step two still waits two days from step one's completion (Monday 15:00Z).
    expect(rows.find((r) => r.stepId === seq.steps[1]?.id)?.dueAt?.toISOString()).toBe(
      '2026-11-25T15:00:00.000Z',
    );
  });

  it('removing leaves an email that is already sending to the scheduler', async () => {
    const seq = await createSequence(t);
    const [e] = (await enroll(t, seq.id, { contactIds: [await addContact(t)] })).body.enrollments;
    await t.db.database.db.update(emails).set({ status: 'sending' }).where(eq(emails.enrollmentId, e.id));
    expect((await t.call('DELETE', `/api/enrollments/${e.id}`)).status).toBe(200);
    expect((await emailRows(t, e.id)).map((r) => r.status)).toEqual(['sending']);
    expect((await t.call('DELETE', `/api/enrollments/${e.id}`)).body.status).toBe('removed');
  });

  it('pause with and without resumeAt; a past resumeAt is a 400', async () => {
    t.clock.set('2026-11-23T15:00:00Z');
    const seq = await createSequence(t);
    const [e] = (await enroll(t, seq.id, { contactIds: [await addContact(t)] })).body.enrollments;
    const past = await t.call('POST', `/api/enrollments/${e.id}/pause`, {
      body: { resumeAt: '2026-11-23T14:00:00Z' },
    });
    expect(past.status).toBe(400);
    const bare = await t.call('POST', `/api/enrollments/${e.id}/pause`);
    expect(bare.status).toBe(200);
    expect(bare.body).toMatchObject({ status: 'paused', pausedReason: 'manual' });
    expect(bare.body.resumeAt).toBeUndefined();
    const dated = await t.call('POST', `/api/enrollments/${e.id}/pause`, {
      body: { resumeAt: '2026-12-01T12:00:00Z' },
    });
    expect(dated.body).toMatchObject({ status: 'paused', resumeAt: '2026-12-01T12:00:00.000Z' });
    // The pending email stays; the scheduler does not send for a paused enrollment.
    expect((await emailRows(t, e.id))[0]?.status).toBe('scheduled');
  });

  it('resume after the slot passed re-slots the email into the next window, never in the past', async () => {
    t.clock.set('2026-11-23T15:00:00Z');
    const seq = await createSequence(t);
    const [e] = (await enroll(t, seq.id, { contactIds: [await addContact(t)] })).body.enrollments;
    expect(e.nextRunAt).toBe('2026-11-23T15:00:00.000Z');
    await t.call('POST', `/api/enrollments/${e.id}/pause`);
    expect(
      (await t.call('POST', `/api/enrollments/${e.id}/finish`, { body: { reason: 'nope' } })).status,
    ).toBe(400);
    t.clock.set('2026-11-24T23:00:00Z'); // Tuesday 18:00 in New York: outside the window.
    const resumed = await t.call('POST', `/api/enrollments/${e.id}/resume`);
    expect(resumed.status).toBe(200);
    expect(resumed.body).toMatchObject({ status: 'active', nextRunAt: '2026-11-25T14:00:00.000Z' });
    expect(resumed.body.pausedReason).toBeUndefined();
    const [row] = await emailRows(t, e.id);
    expect(row?.dueAt?.toISOString()).toBe('2026-11-25T14:00:00.000Z');
    expect(row?.waitingFor).toBe('window');
    expect((await t.call('POST', `/api/enrollments/${e.id}/resume`)).status).toBe(409);
  });

  it.each(['replied', 'meeting_booked', 'unsubscribed', 'changed_job', 'other'])(
    'finish with reason %s withdraws the pending email and keeps the row',
    async (reason) => {
      const seq = await createSequence(t);
      const [e] = (await enroll(t, seq.id, { contactIds: [await addContact(t)] })).body.enrollments;
      const r = await t.call('POST', `/api/enrollments/${e.id}/finish`, { body: { reason } });
      expect(r.status).toBe(200);
      expect(r.body).toMatchObject({ status: 'finished', finishedReason: reason });
      expect(await emailRows(t, e.id)).toEqual([]);
      expect((await t.call('POST', `/api/enrollments/${e.id}/finish`, { body: { reason } })).status).toBe(
        409,
      );
      expect((await t.call('POST', `/api/enrollments/${e.id}/pause`)).status).toBe(409);
      const [act] = await t.db.database.db
        .select()
        .from(activities)
        .where(and(eq(activities.enrollmentId, e.id), eq(activities.kind, 'enrollment.finished')));
      expect(act?.data).toMatchObject({ reason, emailsCancelled: 1 });
    },
  );

  it('permissions: viewers cannot enroll or manage, editors can, strangers see nothing', async () => {
    const owner = await t.createUser('rep');
    const viewer = await t.createUser('rep');
    const editor = await t.createUser('rep');
    const stranger = await t.createUser('rep');
    const seq = await createSequence(t, {}, owner.token);
    for (const [u, access] of [
      [viewer, 'view'],
      [editor, 'edit'],
    ] as const) {
      const s = await t.call('POST', `/api/sequences/${seq.id}/share`, {
        token: owner.token,
        body: { userId: u.id, access },
      });
      expect(s.status).toBe(200);
    }
    const contactId = await addContact(t);
    expect((await enroll(t, seq.id, { contactIds: [contactId] }, viewer.token)).status).toBe(403);
    expect((await enroll(t, seq.id, { contactIds: [contactId] }, stranger.token)).status).toBe(404);
    const ok = await enroll(t, seq.id, { contactIds: [contactId] }, editor.token);
    const id = ok.body.enrollments[0].id;
    expect((await t.call('GET', `/api/enrollments/${id}`, { token: viewer.token })).status).toBe(200);
    expect((await t.call('POST', `/api/enrollments/${id}/pause`, { token: viewer.token })).status).toBe(403);
    expect((await t.call('GET', `/api/enrollments/${id}`, { token: stranger.token })).status).toBe(404);
    expect((await t.call('DELETE', `/api/enrollments/${id}`, { token: stranger.token })).status).toBe(404);
    const strangerList = await t.call('GET', `/api/enrollments?sequenceId=${seq.id}`, {
      token: stranger.token,
    });
    expect(strangerList.body.items).toEqual([]);
    expect((await t.call('POST', `/api/enrollments/${id}/pause`, { token: owner.token })).status).toBe(200);
  });

  it('lists with filters and cursor pagination', async () => {
    const seq = await createSequence(t);
    const ids = [await addContact(t), await addContact(t), await addContact(t)];
    await enroll(t, seq.id, { contactIds: ids });
    const first = await t.call('GET', `/api/enrollments?sequenceId=${seq.id}&limit=2`);
    expect(first.body.items).toHaveLength(2);
    expect(first.body.nextCursor).toBeDefined();
    const second = await t.call(
      'GET',
      `/api/enrollments?sequenceId=${seq.id}&limit=2&cursor=${first.body.nextCursor}`,
    );
    expect(second.body.items).toHaveLength(1);
    expect(second.body.nextCursor).toBeUndefined();
    const all = [...first.body.items, ...second.body.items].map((e: { contactId: string }) => e.contactId);
    expect(all.sort()).toEqual([...ids].sort());
    expect((await t.call('GET', '/api/enrollments?status=bogus')).status).toBe(400);
  });
  it('q finds enrollments by the contact’s name or email, case-insensitively, within what the caller sees', async () => {
    const rep = await t.createUser('rep');
    const other = await t.createUser('rep');
    const seq = await createSequence(t, {}, rep.token);
    const [ada, grace, percent] = await Promise.all([
      addContact(t, {
        ownerId: rep.id,
        firstName: 'Ada',
        lastName: 'Lovelace',
        email: 'ada@Analytical.test',
      }),
      addContact(t, { ownerId: rep.id, firstName: 'Grace', lastName: 'Hopper', email: 'grace@navy.test' }),
      addContact(t, { ownerId: rep.id, firstName: '100%', lastName: 'Sure', email: 'sure@odds.test' }),
    ]);
    const [eAda, eGrace, ePercent] = await enrollIds(t, seq.id, [ada, grace, percent], rep.token);
    const theirs = await createSequence(t, {}, other.token);
    const hidden = await addContact(t, {
      ownerId: other.id,
      firstName: 'Ada',
      lastName: 'Hidden',
      email: 'hidden@elsewhere.test',
    });
    const [eHidden] = await enrollIds(t, theirs.id, [hidden], other.token);

    const search = async (q: string, token = rep.token, more = '') => {
      const r = await t.call('GET', `/api/enrollments?q=${encodeURIComponent(q)}${more}`, { token });
      expect(r.status).toBe(200);
      return r.body.items.map((e: { id: string }) => e.id).sort();
    };
    // Name (first, last, or "first last"), email, any case; another rep's Ada stays out.
    expect(await search('ADA')).toEqual([eAda]);
    expect(await search('ada love')).toEqual([eAda]);
    expect(await search('hopper')).toEqual([eGrace]);
    expect(await search('analytical.TEST')).toEqual([eAda]);
    expect(await search('.test')).toEqual([eAda, eGrace, ePercent].sort());
    // LIKE wildcards are literal characters.
    expect(await search('%')).toEqual([ePercent]);
    expect(await search('a_a')).toEqual([]);
    // Combines with the other filters.
    expect(await search('a', rep.token, `&sequenceId=${theirs.id}`)).toEqual([]);
    await t.call('POST', `/api/enrollments/${eGrace}/pause`, { token: rep.token });
    expect(await search('.test', rep.token, '&status=paused')).toEqual([eGrace]);
    // The admin sees the whole team, so both Adas. (Other tests' contacts share this database, and
    // their generated addresses may contain "ada" too, so look for these two rather than count.)
    expect(await search('ada', t.adminToken)).toEqual(expect.arrayContaining([eAda, eHidden]));
    expect(await search('ada hidden', t.adminToken)).toEqual([eHidden]);

    for (const bad of ['', '%20%20', 'x'.repeat(201)]) {
      const r = await t.call('GET', `/api/enrollments?q=${bad}`, { token: rep.token });
      expect(r.status, bad).toBe(400);
      expect(r.body.error.details[0].path).toBe('q');
    }
  });
});
