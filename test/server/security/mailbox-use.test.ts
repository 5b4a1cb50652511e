import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { enrollments } from '../../../server/db/schema';
import { addContact, addMailbox, createSequence, enroll } from '../helpers/enrollment-fixtures';
import { useTestApp } from '../helpers/test-app';
import { backends } from '../helpers/test-database';

/** Finding 1: a rep could enroll with a colleague's mailbox id and send `From:` that colleague. */
describe.each(backends)('mailbox use is the owner’s, a share’s or an admin’s (%s)', (backend) => {
  const t = useTestApp(backend);

  it('a rep cannot enroll with a colleague’s mailbox until it is shared with them; an admin can', async () => {
    const alice = await t.createUser('rep', 'Alice');
    const bob = await t.createUser('rep', 'Bob');
    const bobsBox = await addMailbox(t, bob.id, 'bob@acme.test');
    const seq = await createSequence(t, {}, alice.token);
    const contactId = await addContact(t, { ownerId: alice.id });

    const refused = await enroll(t, seq.id, { contactIds: [contactId], mailboxIds: [bobsBox] }, alice.token);
    expect(refused.status).toBe(400);
    expect(refused.body.error.details).toEqual([
      { path: 'mailboxIds', message: `unknown mailbox ${bobsBox}` },
    ]);
    const none = await t.db.database.db
      .select()
      .from(enrollments)
      .where(eq(enrollments.contactId, contactId));
    expect(none).toEqual([]);

    // Alice cannot share Bob's mailbox with herself.
    const selfShare = await t.call('POST', `/api/mailboxes/${bobsBox}/share`, {
      token: alice.token,
      body: { userId: alice.id },
    });
    expect(selfShare.status).toBe(404);

    const shared = await t.call('POST', `/api/mailboxes/${bobsBox}/share`, {
      token: bob.token,
      body: { userId: alice.id },
    });
    expect(shared.status).toBe(200);
    expect(shared.body.shares).toEqual([{ userId: alice.id, name: 'Alice', email: alice.email }]);
    const listed = await t.call('GET', '/api/mailboxes?shared=true', { token: alice.token });
    expect(listed.body.items.map((m: { id: string }) => m.id)).toEqual([bobsBox]);

    const ok = await enroll(t, seq.id, { contactIds: [contactId], mailboxIds: [bobsBox] }, alice.token);
    expect(ok.status).toBe(200);
    expect(ok.body.enrollments[0].mailboxIds).toEqual([bobsBox]);

    // Unshared again: the next enrollment with it is refused.
    const unshared = await t.call('DELETE', `/api/mailboxes/${bobsBox}/share/${alice.id}`, {
      token: bob.token,
    });
    expect(unshared.body.shares).toEqual([]);
    const other = await addContact(t, { ownerId: alice.id });
    const again = await enroll(t, seq.id, { contactIds: [other], mailboxIds: [bobsBox] }, alice.token);
    expect(again.status).toBe(400);

    // An admin may assign any mailbox of the team.
    const byAdmin = await enroll(t, seq.id, {
      contactIds: [other],
      mailboxIds: [bobsBox],
      skipValidation: true,
    });
    expect(byAdmin.status).toBe(200);
    expect(byAdmin.body.enrollments[0].mailboxIds).toEqual([bobsBox]);
  });

  it('preflight with a colleague’s mailbox answers 404, as for an unknown one', async () => {
    const alice = await t.createUser('rep', 'Alice');
    const bob = await t.createUser('rep', 'Bob');
    const bobsBox = await addMailbox(t, bob.id, `bob-${bob.id}@acme.test`);
    const contactId = await addContact(t, { ownerId: alice.id });
    const r = await t.call('POST', '/api/preflight', {
      token: alice.token,
      body: { contactId, mailboxId: bobsBox },
    });
    expect(r.status).toBe(404);
  });

  it('emails, enrollments and the change feed of a shared sequence do not show a colleague’s mailbox id', async () => {
    const alice = await t.createUser('rep', 'Alice');
    const bob = await t.createUser('rep', 'Bob');
    const bobsBox = await addMailbox(t, bob.id, `bob-${bob.id}@acme.test`);
    const seq = await createSequence(t, {}, bob.token);
    const share = await t.call('POST', `/api/sequences/${seq.id}/share`, {
      token: bob.token,
      body: { userId: alice.id, access: 'view' },
    });
    expect(share.status).toBe(200);
    const contactId = await addContact(t);
    const r = await enroll(t, seq.id, { contactIds: [contactId], skipValidation: true }, bob.token);
    expect(r.body.enrollments[0].mailboxIds).toEqual([bobsBox]);
    const enrollmentId = r.body.enrollments[0].id;

    const emailsSeen = await t.call('GET', `/api/emails?enrollmentId=${enrollmentId}`, {
      token: alice.token,
    });
    expect(emailsSeen.body.items).toHaveLength(1);
    expect(emailsSeen.body.items[0].mailboxId).toBeNull();
    const one = await t.call('GET', `/api/emails/${emailsSeen.body.items[0].id}`, { token: alice.token });
    expect(one.body.mailboxId).toBeNull();
    const enrollmentSeen = await t.call('GET', `/api/enrollments/${enrollmentId}`, { token: alice.token });
    expect(enrollmentSeen.body.mailboxIds).toEqual([]);
    const listSeen = await t.call('GET', `/api/enrollments?sequenceId=${seq.id}`, { token: alice.token });
    expect(listSeen.body.items[0].mailboxIds).toEqual([]);

    const feed = await t.call('GET', '/api/changes?limit=1000', { token: alice.token });
    const text = JSON.stringify(feed.body);
    expect(feed.status).toBe(200);
    expect(text).toContain(enrollmentId);
    expect(text).not.toContain(bobsBox);

    // The owner and an admin still see it.
    const asBob = await t.call('GET', `/api/emails?enrollmentId=${enrollmentId}`, { token: bob.token });
    expect(asBob.body.items[0].mailboxId).toBe(bobsBox);
    const asAdmin = await t.call('GET', `/api/enrollments/${enrollmentId}`);
    expect(asAdmin.body.mailboxIds).toEqual([bobsBox]);
  });
});
