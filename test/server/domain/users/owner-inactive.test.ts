import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { activities, contacts, mailboxes } from '../../../../server/db/schema';
import { OWNER_INACTIVE_RECHECK_MS } from '../../../../shared/send-guard/owner-wait';
import { waitingCatalog } from '../../../../shared/send-guard/waiting-catalog';
import { useTestApp } from '../../helpers/test-app';
import { backends } from '../../helpers/test-database';
import { harness } from '../../scheduler/scheduler-harness';

// 2026-11-23 is a Monday; 09:00 in New York is 14:00Z.
const MONDAY_9_NY = '2026-11-23T14:00:00Z';

const sequenceBody = (name: string) => ({
  name,
  active: true,
  steps: [{ type: 'auto_email', waitMinutes: 0, subject: 'Hello {{firstName}}', body: 'Hi {{firstName}}.' }],
});

/** Seeds/000 "Emails Not Attempted": a deactivated owner's contacts wait until an admin reassigns them. */
describe.each(backends)('emails of a deactivated owner (%s)', (backend) => {
  const t = useTestApp(backend, { now: MONDAY_9_NY });

  it('are not attempted (owner_inactive) while others go out; preflight says so; a transfer sends them from the same address', async () => {
    const h = await harness(t);
    const dana = await t.createUser('rep', 'Dana');
    const bob = await t.createUser('rep', 'Bob');
    const danaBox = await h.mailbox({ userId: dana.id, address: 'dana@acme.test' });
    const adminBox = await h.mailbox();
    const seq = await t.call('POST', '/api/sequences', { token: dana.token, body: sequenceBody('Dana’s') });
    expect(seq.status).toBe(201);
    const hers = await h.contact({ ownerId: dana.id, firstName: 'Hers' });
    const enrolled = await t.call('POST', `/api/sequences/${seq.body.id}/enrollments`, {
      token: dana.token,
      body: { contactIds: [hers], mailboxIds: [danaBox], skipValidation: true },
    });
    expect(enrolled.status).toBe(200);
    const herEnrollment = enrolled.body.enrollments[0].id as string;
    const adminSeq = await h.sequence();
    const mine = await h.contact();
    const [myEnrollment] = await h.enroll(adminSeq.id, [mine], [adminBox]);

    expect((await t.call('PATCH', `/api/users/${dana.id}`, { body: { active: false } })).status).toBe(200);
    await h.tick();

    // The admin's own email went out; Dana's is held, not refused, and her enrollment is untouched.
    expect(h.provider.sent.map((e) => e.to)).toHaveLength(1);
    expect((await h.emailsOf(myEnrollment ?? ''))[0]?.status).toBe('sent');
    const [held] = await h.emailsOf(herEnrollment);
    expect(held).toMatchObject({ status: 'scheduled', waitingFor: 'owner_inactive', reason: null });
    expect(held?.dueAt?.getTime()).toBe(t.clock.now().getTime() + OWNER_INACTIVE_RECHECK_MS);
    expect((await h.enrollment(herEnrollment)).status).toBe('active');
    const listed = await t.call('GET', `/api/emails?sequenceId=${seq.body.id}`);
    expect(listed.body.items[0]).toMatchObject({ status: 'scheduled', waitingFor: 'owner_inactive' });
    expect(listed.body.items[0].waitDetail).toContain(dana.id);

    // Looked at again later: still held while nobody reassigned the contact.
    t.clock.advance(OWNER_INACTIVE_RECHECK_MS);
    await h.tick();
    expect(h.provider.sent).toHaveLength(1);
    expect((await h.emailsOf(herEnrollment))[0]?.waitingFor).toBe('owner_inactive');

    const pre = await t.call('POST', '/api/preflight', {
      body: { contactId: hers, sequenceId: seq.body.id },
    });
    expect(pre.status).toBe(200);
    expect(pre.body.ok).toBe(false);
    expect(pre.body.waitingFor).toBe('owner_inactive');
    expect(pre.body.waiting).toMatchObject({
      code: 'owner_inactive',
      message: waitingCatalog.owner_inactive.message,
      resolution: waitingCatalog.owner_inactive.resolution,
    });
    // A one-off email the admin writes by hand is theirs to send.
    const oneOff = await t.call('POST', '/api/preflight', { body: { contactId: hers } });
    expect(oneOff.body.waiting).toBeUndefined();

    const moved = await t.call('POST', `/api/users/${dana.id}/transfer`, { body: { toUserId: bob.id } });
    expect(moved.status).toBe(200);
    expect(moved.body.moved).toMatchObject({ contacts: 1, sequences: 1, mailboxes: 1, enrollments: 1 });
    expect(moved.body.moved.resumedEmails).toBe(1);
    const [woken] = await h.emailsOf(herEnrollment);
    expect(woken).toMatchObject({ status: 'scheduled', waitingFor: null, dueAt: t.clock.now() });

    await h.tick();
    expect(h.provider.sent).toHaveLength(2);
    expect(h.provider.sent[1]?.from.address).toBe('dana@acme.test');
    expect((await h.emailsOf(herEnrollment))[0]?.status).toBe('sent');

    const db = t.db.database.db;
    const [contact] = await db.select().from(contacts).where(eq(contacts.id, hers));
    expect(contact?.ownerId).toBe(bob.id);
    const [box] = await db.select().from(mailboxes).where(eq(mailboxes.id, danaBox));
    expect(box?.userId).toBe(bob.id);
    const history = await db
      .select()
      .from(activities)
      .where(and(eq(activities.contactId, hers), eq(activities.kind, 'contact.owner_transferred')));
    const adminId = (await t.call('GET', '/api/me')).body.id;
    expect(history).toHaveLength(1);
    expect(history[0]).toMatchObject({ actorId: adminId, data: { fromUserId: dana.id, toUserId: bob.id } });
  });

  it('go out once the owner is reactivated', async () => {
    t.clock.set(MONDAY_9_NY);
    t.clock.advance(24 * 3600_000);
    const h = await harness(t);
    const erin = await t.createUser('rep', 'Erin');
    const box = await h.mailbox({ userId: erin.id });
    const seq = await h.sequence();
    const hers = await h.contact({ ownerId: erin.id });
    const [enrollment] = await h.enroll(seq.id, [hers], [box], { skipValidation: true });
    await t.call('PATCH', `/api/users/${erin.id}`, { body: { active: false } });
    await h.tick();
    expect((await h.emailsOf(enrollment ?? ''))[0]?.waitingFor).toBe('owner_inactive');
    expect((await t.call('PATCH', `/api/users/${erin.id}`, { body: { active: true } })).status).toBe(200);
    await h.tick();
    expect(h.provider.sent).toHaveLength(1);
    expect((await h.emailsOf(enrollment ?? ''))[0]?.status).toBe('sent');
  });
});
