import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { newId } from '../../../server/db/ids';
import { contacts, users } from '../../../server/db/schema';
import { ADMIN, type TestApp, useTestApp } from '../helpers/test-app';
import { backends } from '../helpers/test-database';

async function addContact(t: TestApp, ownerId: string | null) {
  const [admin] = await t.db.database.db.select().from(users).where(eq(users.email, ADMIN.email));
  const id = newId('con');
  await t.db.database.db.insert(contacts).values({
    id,
    teamId: admin?.teamId as string,
    ownerId,
    email: `${id}@prospect.test`,
    emailLower: `${id}@prospect.test`,
    emailStatus: 'verified',
    timezone: 'UTC',
    firstName: 'Pat',
  });
  return id;
}

/** A sequence owned by the token's user, with one email step, and `contactIds` enrolled in it. */
async function sequenceWith(t: TestApp, name: string, contactIds: string[], token?: string) {
  const seq = await t.call('POST', '/api/sequences', {
    token,
    body: {
      name,
      active: true,
      steps: [{ type: 'auto_email', waitMinutes: 60, subject: 'Hi', body: 'Hello' }],
    },
  });
  expect(seq.status).toBe(201);
  const r = await t.call('POST', `/api/sequences/${seq.body.id}/enrollments`, {
    token,
    body: { contactIds, skipValidation: true },
  });
  expect(r.body.enrollments).toHaveLength(contactIds.length);
  return seq.body.id as string;
}

describe.each(backends)('owner filters on lists (%s)', (backend) => {
  const t = useTestApp(backend, { now: '2026-11-23T10:00:00Z' });

  it('emails and sequences narrow to one owner; without ownerId nothing changes', async () => {
    const rep = await t.createUser('rep');
    const me = await t.call('GET', '/api/me');
    const repContact = await addContact(t, rep.id);
    const adminContact = await addContact(t, me.body.id);
    const repSeq = await sequenceWith(t, 'Rep’s', [repContact], rep.token);
    const adminSeq = await sequenceWith(t, 'Admin’s', [adminContact]);

    const emailsOf = async (q: string) =>
      (await t.call('GET', `/api/emails${q}`)).body.items
        .map((e: { contactId: string }) => e.contactId)
        .sort();
    expect(await emailsOf('')).toEqual([repContact, adminContact].sort());
    expect(await emailsOf(`?ownerId=${rep.id}`)).toEqual([repContact]);
    expect(await emailsOf(`?ownerId=${me.body.id}`)).toEqual([adminContact]);

    const sequencesOf = async (q: string) =>
      (await t.call('GET', `/api/sequences${q}`)).body.items.map((s: { id: string }) => s.id).sort();
    expect(await sequencesOf('')).toEqual([repSeq, adminSeq].sort());
    expect(await sequencesOf(`?ownerId=${rep.id}`)).toEqual([repSeq]);
    expect(await sequencesOf(`?ownerId=${me.body.id}`)).toEqual([adminSeq]);

    // The filter narrows what the caller sees; it never widens it.
    const seen = await t.call('GET', `/api/emails?ownerId=${me.body.id}`, { token: rep.token });
    expect(seen.status).toBe(200);
    expect(seen.body.items.map((e: { contactId: string }) => e.contactId)).not.toContain(repContact);
  });
});
