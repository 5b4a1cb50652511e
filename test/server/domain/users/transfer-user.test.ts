import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { newId } from '../../../../server/db/ids';
import {
  accounts,
  activities,
  contacts,
  enrollments,
  lists,
  mailboxes,
  mailboxShares,
  sequenceShares,
  sequences,
  tasks,
} from '../../../../server/db/schema';
import { addMailbox, adminOf } from '../../helpers/enrollment-fixtures';
import { useTestApp } from '../../helpers/test-app';
import { backends } from '../../helpers/test-database';

const sequenceBody = {
  name: 'Fay’s outreach',
  active: true,
  steps: [{ type: 'auto_email', waitMinutes: 0, subject: 'Hi', body: 'Hello' }],
};

/** POST /api/users/:id/transfer: one call moves a user's work to a colleague, nothing lost. */
describe.each(backends)('transferring a user’s work (%s)', (backend) => {
  const t = useTestApp(backend);
  const db = () => t.db.database.db;

  it('moves contacts, accounts, lists, sequences, mailboxes with their shares, open tasks and live enrollments', async () => {
    const admin = await adminOf(t);
    const fay = await t.createUser('rep', 'Fay');
    const gus = await t.createUser('rep', 'Gus');
    const hal = await t.createUser('rep', 'Hal');
    const fayBox = await addMailbox(t, fay.id, 'fay@acme.test');
    const halBox = await addMailbox(t, hal.id, 'hal@acme.test');
    // Fay's mailbox is shared with Hal and Gus; Hal's with Fay.
    for (const userId of [hal.id, gus.id]) {
      const r = await t.call('POST', `/api/mailboxes/${fayBox}/share`, {
        token: fay.token,
        body: { userId },
      });
      expect(r.status).toBe(200);
    }
    expect(
      (await t.call('POST', `/api/mailboxes/${halBox}/share`, { token: hal.token, body: { userId: fay.id } }))
        .status,
    ).toBe(200);

    const account = await t.call('POST', '/api/accounts', { body: { name: 'Acme', ownerId: fay.id } });
    expect(account.status).toBe(201);
    const contact = await t.call('POST', '/api/contacts', {
      body: { email: 'pat@prospect.test', ownerId: fay.id, accountId: account.body.id },
    });
    expect(contact.status).toBe(201);
    const untouched = await t.call('POST', '/api/contacts', {
      body: { email: 'kim@prospect.test', ownerId: hal.id },
    });
    const seq = await t.call('POST', '/api/sequences', { token: fay.token, body: sequenceBody });
    expect(seq.status).toBe(201);
    await db().insert(sequenceShares).values({ sequenceId: seq.body.id, userId: gus.id, access: 'view' });
    const enrolled = await t.call('POST', `/api/sequences/${seq.body.id}/enrollments`, {
      token: fay.token,
      body: { contactIds: [contact.body.id], mailboxIds: [halBox], skipValidation: true },
    });
    expect(enrolled.status).toBe(200);
    const listId = newId('lst');
    await db()
      .insert(lists)
      .values({ id: listId, teamId: admin.teamId, ownerId: fay.id, name: 'Fay’s list' });
    const task = (status: 'open' | 'completed') => ({
      id: newId('tsk'),
      teamId: admin.teamId,
      type: 'call' as const,
      status,
      contactId: contact.body.id,
      ownerId: fay.id,
      dueAt: t.clock.now(),
    });
    const open = task('open');
    const done = task('completed');
    await db().insert(tasks).values([open, done]);

    expect((await t.call('PATCH', `/api/users/${fay.id}`, { body: { active: false } })).status).toBe(200);
    const r = await t.call('POST', `/api/users/${fay.id}/transfer`, { body: { toUserId: gus.id } });
    expect(r.status).toBe(200);
    expect(r.body).toEqual({
      fromUserId: fay.id,
      toUserId: gus.id,
      moved: {
        contacts: 1,
        accounts: 1,
        sequences: 1,
        mailboxes: 1,
        lists: 1,
        snippets: 0,
        tasks: 1,
        enrollments: 1,
        resumedEmails: 0,
      },
    });

    const one = async <T>(rows: Promise<T[]>) => (await rows)[0];
    expect((await one(db().select().from(contacts).where(eq(contacts.id, contact.body.id))))?.ownerId).toBe(
      gus.id,
    );
    expect((await one(db().select().from(contacts).where(eq(contacts.id, untouched.body.id))))?.ownerId).toBe(
      hal.id,
    );
    expect((await one(db().select().from(accounts).where(eq(accounts.id, account.body.id))))?.ownerId).toBe(
      gus.id,
    );
    expect((await one(db().select().from(sequences).where(eq(sequences.id, seq.body.id))))?.ownerId).toBe(
      gus.id,
    );
    expect((await one(db().select().from(lists).where(eq(lists.id, listId))))?.ownerId).toBe(gus.id);
    const [box] = await db().select().from(mailboxes).where(eq(mailboxes.id, fayBox));
    expect(box).toMatchObject({ userId: gus.id, address: 'fay@acme.test', status: 'active' });
    const [enrollment] = await db()
      .select()
      .from(enrollments)
      .where(eq(enrollments.id, enrolled.body.enrollments[0].id));
    expect(enrollment).toMatchObject({ userId: gus.id, mailboxIds: [halBox] });
    const taskRows = await db().select().from(tasks).where(eq(tasks.contactId, contact.body.id));
    expect(taskRows.find((x) => x.id === open.id)?.ownerId).toBe(gus.id);
    expect(taskRows.find((x) => x.id === done.id)?.ownerId).toBe(fay.id); // history keeps who did it

    // Access stays coherent: Hal keeps his share of the moved mailbox, Gus owns it (no share needed)
    // and inherits Fay's share of Hal's mailbox, which the moved enrollment sends through.
    const shares = (await db().select().from(mailboxShares)).map((s) => `${s.mailboxId}:${s.userId}`).sort();
    expect(shares).toEqual([`${fayBox}:${hal.id}`, `${halBox}:${gus.id}`].sort());
    const seqShares = await db()
      .select()
      .from(sequenceShares)
      .where(eq(sequenceShares.sequenceId, seq.body.id));
    expect(seqShares).toEqual([]);
    const gusBoxes = await t.call('GET', '/api/mailboxes', { token: gus.token });
    expect(gusBoxes.body.items.map((m: { id: string }) => m.id)).toContain(fayBox);

    // The contact's history says who moved it; the team's log has the whole transfer with its counts.
    const adminId = admin.id;
    const logged = await db().select().from(activities).where(eq(activities.actorId, adminId));
    expect(logged.filter((a) => a.kind === 'contact.owner_transferred')).toEqual([
      expect.objectContaining({ contactId: contact.body.id, data: { fromUserId: fay.id, toUserId: gus.id } }),
    ]);
    expect(logged.find((a) => a.kind === 'user.transferred')?.data).toMatchObject({
      fromUserId: fay.id,
      toUserId: gus.id,
      moved: r.body.moved,
    });
    expect(logged.find((a) => a.kind === 'user.deactivated')?.data).toMatchObject({ userId: fay.id });
  });

  it('is for admins only, into an active colleague of the same team, never into oneself', async () => {
    const ann = await t.createUser('rep', 'Ann');
    const ben = await t.createUser('rep', 'Ben');
    const byRep = await t.call('POST', `/api/users/${ann.id}/transfer`, {
      token: ben.token,
      body: { toUserId: ben.id },
    });
    expect(byRep.status).toBe(403);
    const self = await t.call('POST', `/api/users/${ann.id}/transfer`, { body: { toUserId: ann.id } });
    expect(self.status).toBe(400);
    expect(self.body.error.details).toEqual([{ path: 'toUserId', message: 'pick another user' }]);
    const unknownTo = await t.call('POST', `/api/users/${ann.id}/transfer`, {
      body: { toUserId: 'usr_nope' },
    });
    expect(unknownTo.status).toBe(400);
    expect(unknownTo.body.error.details[0].path).toBe('toUserId');
    const unknownFrom = await t.call('POST', '/api/users/usr_nope/transfer', { body: { toUserId: ann.id } });
    expect(unknownFrom.status).toBe(404);
    await t.call('PATCH', `/api/users/${ben.id}`, { body: { active: false } });
    const intoInactive = await t.call('POST', `/api/users/${ann.id}/transfer`, {
      body: { toUserId: ben.id },
    });
    expect(intoInactive.status).toBe(400);
    expect(intoInactive.body.error.details[0]).toEqual({
      path: 'toUserId',
      message: 'reactivate this user first, or pick an active one',
    });
    const missing = await t.call('POST', `/api/users/${ann.id}/transfer`, { body: {} });
    expect(missing.status).toBe(400);
    expect(missing.body.error.details[0].path).toBe('toUserId');
  });
});
