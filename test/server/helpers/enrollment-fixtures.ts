import { eq } from 'drizzle-orm';
import { expect } from 'vitest';
import { newId } from '../../../server/db/ids';
import { contacts, mailboxes, users } from '../../../server/db/schema';
import { ADMIN, type TestApp } from './test-app';

/** Sequences, contacts and enrollments as the enrollment-facing route tests set them up. */

export const NY = 'America/New_York';

export const step = (over: Record<string, unknown> = {}) => ({
  type: 'auto_email',
  waitMinutes: 0,
  subject: 'Hi {{firstName | "there"}}',
  body: 'Hello',
  ...over,
});

export async function adminOf(t: TestApp) {
  const [row] = await t.db.database.db.select().from(users).where(eq(users.email, ADMIN.email));
  if (!row) throw new Error('no admin');
  return row;
}

/** A verified contact in New York, inserted directly (no route involved); returns its id. */
export async function addContact(t: TestApp, over: Partial<typeof contacts.$inferInsert> = {}) {
  const admin = await adminOf(t);
  const id = newId('con');
  const email = over.email === undefined ? `${id}@prospect.test` : over.email;
  await t.db.database.db.insert(contacts).values({
    id,
    teamId: admin.teamId,
    emailStatus: 'verified',
    timezone: NY,
    firstName: 'Pat',
    ...over,
    email,
    emailLower: email?.toLowerCase() ?? null,
  });
  return id;
}

export async function addMailbox(t: TestApp, userId: string, address: string, teamId?: string) {
  const admin = await adminOf(t);
  const id = newId('mbx');
  await t.db.database.db
    .insert(mailboxes)
    .values({ id, teamId: teamId ?? admin.teamId, userId, provider: 'sandbox', address });
  return id;
}

/** An active two-step sequence (second step two days after the first), created through the API. */
export async function createSequence(t: TestApp, body: Record<string, unknown> = {}, token?: string) {
  const r = await t.call('POST', '/api/sequences', {
    token,
    body: { name: 'Outreach', active: true, steps: [step(), step({ waitMinutes: 2 * 24 * 60 })], ...body },
  });
  expect(r.status).toBe(201);
  return r.body as { id: string; steps: { id: string }[] };
}

export const enroll = (t: TestApp, seqId: string, body: Record<string, unknown>, token?: string) =>
  t.call('POST', `/api/sequences/${seqId}/enrollments`, { token, body });

/** Enrolls the contacts (warnings skipped) and returns their enrollment ids in the same order. */
export async function enrollIds(t: TestApp, seqId: string, contactIds: string[], token?: string) {
  const r = await enroll(t, seqId, { contactIds, skipValidation: true }, token);
  expect(r.status).toBe(200);
  const byContact = new Map<string, string>(
    r.body.enrollments.map((e: { id: string; contactId: string }) => [e.contactId, e.id]),
  );
  return contactIds.map((c) => {
    const id = byContact.get(c);
    if (!id) throw new Error(`contact ${c} was not enrolled: ${JSON.stringify(r.body.rejected)}`);
    return id;
  });
}
