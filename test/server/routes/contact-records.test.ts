import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { emails, mailboxes } from '../../../server/db/schema';
import {
  addContact,
  addMailbox,
  adminOf,
  createSequence,
  enroll,
  enrollIds,
  step,
} from '../helpers/enrollment-fixtures';
import { useTestApp } from '../helpers/test-app';
import { backends } from '../helpers/test-database';

/** Contacts as records: the timeline, the filters the Contacts screen uses, list edits, enroll checks. */
describe.each(backends)('contact records (%s)', (backend) => {
  const t = useTestApp(backend);

  it('the timeline shows what happened newest first, with the email, sequence and who did it, paged by keyset', async () => {
    t.clock.set('2026-11-23T15:00:00Z');
    const admin = await adminOf(t);
    await addMailbox(t, admin.id, 'admin@acme.test');
    const seq = await createSequence(t, { name: 'Timeline seq' });
    const contactId = await addContact(t, { firstName: 'Tia' });
    const [enrollmentId] = await enrollIds(t, seq.id, [contactId]);
    t.clock.advance(60_000);
    expect(
      (
        await t.call('POST', `/api/enrollments/${enrollmentId}/pause`, {
          body: { resumeAt: '2026-12-01T09:00:00Z' },
        })
      ).status,
    ).toBe(200);
    t.clock.advance(60_000);
    expect((await t.call('PATCH', `/api/contacts/${contactId}`, { body: { title: 'CTO' } })).status).toBe(
      200,
    );

    const all = await t.call('GET', `/api/contacts/${contactId}/timeline`);
    expect(all.status).toBe(200);
    const kinds = all.body.items.map((i: { kind: string }) => i.kind);
    expect(kinds.slice(0, 2)).toEqual(['contact_updated', 'enrollment.paused']);
    expect(kinds).toContain('enrollment.created');
    const paused = all.body.items[1];
    expect(paused).toMatchObject({
      enrollmentId,
      sequence: { id: seq.id, name: 'Timeline seq' },
      actor: { id: admin.id, name: admin.name },
      data: { resumeAt: '2026-12-01T09:00:00.000Z' },
    });

    const p1 = await t.call('GET', `/api/contacts/${contactId}/timeline?limit=1`);
    expect(p1.body.items).toHaveLength(1);
    const p2 = await t.call(
      'GET',
      `/api/contacts/${contactId}/timeline?limit=100&cursor=${p1.body.nextCursor}`,
    );
    expect([...p1.body.items, ...p2.body.items].map((i: { id: string }) => i.id)).toEqual(
      all.body.items.map((i: { id: string }) => i.id),
    );
    expect(p2.body.nextCursor).toBeUndefined();
  });

  it('the timeline names the email with its status and reason, and hides contacts the caller may not see', async () => {
    t.clock.set('2026-11-24T15:00:00Z');
    const admin = await adminOf(t);
    await addMailbox(t, admin.id, 'admin2@acme.test');
    const seq = await createSequence(t);
    const contactId = await addContact(t, {});
    const [enrollmentId] = await enrollIds(t, seq.id, [contactId]);
    const [email] = await t.db.database.db
      .select()
      .from(emails)
      .where(eq(emails.enrollmentId, enrollmentId!));
    await t.db.database.db
      .update(emails)
      .set({ status: 'not_sent', reason: 'likely_to_bounce' })
      .where(eq(emails.id, email!.id));
    await t.call('POST', '/api/emails/retry', { body: { ids: [email!.id] } });
    const tl = await t.call('GET', `/api/contacts/${contactId}/timeline`);
    const retried = tl.body.items.find((i: { kind: string }) => i.kind === 'email.retried');
    expect(retried?.email).toMatchObject({ id: email!.id, subject: expect.any(String) });

    const rep = await t.createUser('rep');
    const hidden = await addContact(t, { ownerId: admin.id });
    expect((await t.call('GET', `/api/contacts/${hidden}/timeline`, { token: rep.token })).status).toBe(404);
    expect((await t.call('GET', `/api/contacts/${hidden}/timeline?limit=0`)).status).toBe(400);
  });

  it('filters contacts by list and by enrollment status', async () => {
    t.clock.set('2026-11-25T15:00:00Z');
    const seq = await createSequence(t);
    const a = await addContact(t, { company: 'Filterco' });
    const b = await addContact(t, { company: 'Filterco' });
    const c = await addContact(t, { company: 'Filterco' });
    await enrollIds(t, seq.id, [a]);
    const list = await t.call('POST', '/api/lists', { body: { name: 'Filter list' } });
    await t.call('POST', `/api/lists/${list.body.id}/members`, { body: { contactIds: [a, b] } });
    const ids = async (query: string) =>
      (await t.call('GET', `/api/contacts?q=Filterco&${query}`)).body.items.map((x: { id: string }) => x.id);
    expect(await ids(`listId=${list.body.id}`)).toEqual([a, b]);
    expect(await ids('status=active')).toEqual([a]);
    expect(await ids('status=not_enrolled')).toEqual([b, c]);
    expect(await ids(`status=not_enrolled&listId=${list.body.id}`)).toEqual([b]);
    expect((await t.call('GET', '/api/contacts?status=sleeping')).status).toBe(400);
  });

  it('renames a list and takes members off it, only those the caller may see', async () => {
    const admin = await adminOf(t);
    const rep = await t.createUser('rep');
    const mine = await addContact(t, { ownerId: rep.id });
    const theirs = await addContact(t, { ownerId: admin.id });
    const list = await t.call('POST', '/api/lists', { body: { name: 'Old name' } });
    await t.call('POST', `/api/lists/${list.body.id}/members`, { body: { contactIds: [mine, theirs] } });
    const renamed = await t.call('PATCH', `/api/lists/${list.body.id}`, {
      token: rep.token,
      body: { name: '  New name ' },
    });
    expect(renamed.status).toBe(200);
    expect(renamed.body).toMatchObject({ id: list.body.id, name: 'New name', memberCount: 1 });
    expect((await t.call('PATCH', `/api/lists/${list.body.id}`, { body: { name: '' } })).status).toBe(400);
    expect((await t.call('PATCH', '/api/lists/lst_nope', { body: { name: 'x' } })).status).toBe(404);

    const removed = await t.call('POST', `/api/lists/${list.body.id}/members/remove`, {
      token: rep.token,
      body: { contactIds: [mine, theirs, 'con_unknown'] },
    });
    expect(removed.status).toBe(200);
    expect(removed.body).toEqual({ removed: 1, notMembers: [theirs, 'con_unknown'] });
    expect((await t.call('GET', `/api/lists/${list.body.id}`)).body.memberCount).toBe(1);
    // The contact itself stays.
    expect((await t.call('GET', `/api/contacts/${mine}`)).status).toBe(200);
  });

  it('warns about variables the first email needs and the contact lacks, naming them; a dry run writes nothing', async () => {
    t.clock.set('2026-11-26T15:00:00Z');
    const seq = await createSequence(t, {
      steps: [step({ subject: 'For {{company}}', body: 'Hi {{firstName}}, about {{fields.event}}' })],
    });
    const lacking = await addContact(t, { firstName: null, company: 'Acme' });
    const complete = await addContact(t, { firstName: 'Ann', company: 'Acme', fields: { event: 'SaaStr' } });
    const dry = await enroll(t, seq.id, { contactIds: [lacking, complete], dryRun: true });
    expect(dry.status).toBe(200);
    expect(dry.body).toMatchObject({
      dryRun: true,
      enrollments: [],
      warnings: [{ contactId: lacking, code: 'missing_dynamic_variable' }],
      rejected: [{ contactId: lacking, code: 'missing_dynamic_variable' }],
      missingVariables: [{ contactId: lacking, names: ['firstName', 'fields.event'] }],
    });
    expect((await t.call('GET', `/api/enrollments?sequenceId=${seq.id}`)).body.items).toEqual([]);

    const real = await enroll(t, seq.id, { contactIds: [lacking, complete] });
    expect(real.body.enrollments.map((e: { contactId: string }) => e.contactId)).toEqual([complete]);
    expect(real.body.rejected).toEqual([{ contactId: lacking, code: 'missing_dynamic_variable' }]);
    const anyway = await enroll(t, seq.id, { contactIds: [lacking], skipValidation: true });
    expect(anyway.body.enrollments).toHaveLength(1);
    // Already in: the dry run says so, which is how the console marks them.
    const again = await enroll(t, seq.id, { contactIds: [complete], dryRun: true });
    expect(again.body.rejected).toEqual([{ contactId: complete, code: 'already_in_sequence' }]);
  });

  it('warns when the mailbox limits will spread the first emails over several days', async () => {
    t.clock.set('2026-11-27T15:00:00Z');
    const rep = await t.createUser('rep');
    const box = await addMailbox(t, rep.id, 'slow@acme.test');
    await t.db.database.db
      .update(mailboxes)
      .set({ dailyLimit: 3, hourlyLimit: 6 })
      .where(eq(mailboxes.id, box));
    const seq = await createSequence(t, {}, rep.token);
    const few = [await addContact(t, { ownerId: rep.id }), await addContact(t, { ownerId: rep.id })];
    const one = await enroll(t, seq.id, { contactIds: few, mailboxIds: [box] }, rep.token);
    expect(one.status).toBe(200);
    expect(one.body.notices).toBeUndefined();
    const more = [];
    for (let i = 0; i < 5; i++) more.push(await addContact(t, { ownerId: rep.id }));
    const dry = await enroll(t, seq.id, { contactIds: more, mailboxIds: [box], dryRun: true }, rep.token);
    expect(dry.body.notices).toEqual([
      {
        code: 'sends_spread_over_days',
        mailboxId: box,
        address: 'slow@acme.test',
        perDay: 3,
        queued: 2,
        adding: 5,
        days: 3,
      },
    ]);
    // A sequence of calls only sends no email: nothing to spread.
    const calls = await createSequence(t, { steps: [{ type: 'call', waitMinutes: 0 }] }, rep.token);
    const callDry = await enroll(
      t,
      calls.id,
      { contactIds: more, mailboxIds: [box], dryRun: true },
      rep.token,
    );
    expect(callDry.body.notices).toBeUndefined();
  });
});
