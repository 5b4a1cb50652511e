import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../../../server/db/ids';
import { activities, contacts, emails, enrollments, sequences, users } from '../../../server/db/schema';
import {
  signUnsubscribeToken,
  unsubscribeUrl,
} from '../../../server/domain/deliverability/unsubscribe-token';
import { ADMIN, useTestApp } from '../helpers/test-app';
import { backends } from '../helpers/test-database';

describe.each(backends)('unsubscribe links (%s)', (backend) => {
  const t = useTestApp(backend);
  let teamId = '';
  let adminId = '';
  let mailboxId = '';
  let n = 0;

  beforeAll(async () => {
    const [admin] = await t.db.database.db.select().from(users).where(eq(users.email, ADMIN.email));
    teamId = admin!.teamId;
    adminId = admin!.id;
    const mb = await t.call('POST', '/api/mailboxes', {
      body: { provider: 'sandbox', address: 'rep@acme.test', name: 'Rita Rep' },
    });
    mailboxId = mb.body.id;
  });

  /** A contact with one sent email, in sequences at every enrollment status that matters. */
  async function scenario() {
    const { db } = t.db.database;
    const now = t.clock.now();
    n += 1;
    const contactId = newId('con');
    const address = `reader${n}@recipient.test`;
    await db.insert(contacts).values({ id: contactId, teamId, email: address, emailLower: address });
    const byStatus: Record<string, string> = {};
    for (const status of ['active', 'paused', 'not_sent', 'scheduled', 'finished', 'bounced'] as const) {
      const sequenceId = newId('seq');
      await db
        .insert(sequences)
        .values({ id: sequenceId, teamId, ownerId: adminId, name: `U${n}${status}`, schedule: {} });
      const id = newId('enr');
      await db.insert(enrollments).values({
        id,
        teamId,
        sequenceId,
        contactId,
        userId: adminId,
        mailboxIds: [mailboxId],
        status,
        stepAnchorAt: now,
        ...(status === 'finished' && { finishedReason: 'meeting_booked' }),
      });
      byStatus[status] = id;
    }
    const emailId = newId('eml');
    await db.insert(emails).values({
      id: emailId,
      teamId,
      enrollmentId: byStatus.active,
      contactId,
      mailboxId,
      status: 'sent',
      sentAt: now,
    });
    const path = new URL(unsubscribeUrl(t.deps.config.publicUrl, t.deps.config.secretKey, emailId)).pathname;
    return { contactId, emailId, byStatus, path };
  }

  async function state(contactId: string) {
    const { db } = t.db.database;
    const [contact] = await db.select().from(contacts).where(eq(contacts.id, contactId));
    const rows = await db.select().from(enrollments).where(eq(enrollments.contactId, contactId));
    const acts = await db.select().from(activities).where(eq(activities.contactId, contactId));
    return {
      unsubscribedAt: contact!.unsubscribedAt,
      enrollments: Object.fromEntries(rows.map((e) => [e.id, `${e.status}/${e.finishedReason ?? ''}`])),
      activities: acts.map((a) => a.kind).sort(),
    };
  }

  const oneClick = (path: string) =>
    t.call('POST', path, {
      token: null,
      raw: 'List-Unsubscribe=One-Click',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });

  it('GET shows a self-contained page with a form posting back, and changes nothing', async () => {
    const s = await scenario();
    const before = await state(s.contactId);
    const r = await t.call('GET', s.path, { token: null });
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toContain('text/html');
    const page = String(r.body);
    expect(page).toMatch(/<form method="post">/);
    expect(page).toContain('name="List-Unsubscribe" value="One-Click"');
    expect(page).toContain('<button type="submit">');
    expect(page).toContain('Rita Rep');
    expect(page).not.toMatch(/<script|src=|href=|https?:\/\//i);
    expect(r.headers.get('referrer-policy')).toBe('no-referrer');
    expect(await state(s.contactId)).toEqual(before);
  });

  it('RFC 8058 one-click POST unsubscribes and finishes every live enrollment', async () => {
    const s = await scenario();
    const r = await oneClick(s.path);
    expect(r.status).toBe(200);
    expect(String(r.body)).toContain('You are unsubscribed');
    const after = await state(s.contactId);
    expect(after.unsubscribedAt).toEqual(t.clock.now());
    for (const status of ['active', 'paused', 'not_sent', 'scheduled']) {
      expect(after.enrollments[s.byStatus[status]!]).toBe('finished/unsubscribed');
    }
    expect(after.enrollments[s.byStatus.finished!]).toBe('finished/meeting_booked');
    expect(after.enrollments[s.byStatus.bounced!]).toBe('bounced/');
    expect(after.activities.filter((k) => k === 'contact.unsubscribed')).toHaveLength(1);
    expect(after.activities.filter((k) => k === 'enrollment.finished')).toHaveLength(4);
  });

  it('replaying a valid link is a harmless 200', async () => {
    const s = await scenario();
    await oneClick(s.path);
    const first = await state(s.contactId);
    t.clock.advance(3_600_000);
    const again = await oneClick(s.path);
    expect(again.status).toBe(200);
    const form = new FormData();
    form.set('List-Unsubscribe', 'One-Click');
    const multipart = await t.app.request(s.path, { method: 'POST', body: form });
    expect(multipart.status).toBe(200);
    expect(await state(s.contactId)).toEqual(first);
    const page = await t.call('GET', s.path, { token: null });
    expect(page.status).toBe(200);
    expect(String(page.body)).toContain('You are unsubscribed');
    expect(String(page.body)).not.toContain('<form');
  });

  it('the page form submission (multipart) unsubscribes too', async () => {
    const s = await scenario();
    const form = new FormData();
    form.set('List-Unsubscribe', 'One-Click');
    const r = await t.app.request(s.path, { method: 'POST', body: form });
    expect(r.status).toBe(200);
    expect((await state(s.contactId)).unsubscribedAt).not.toBeNull();
  });

  it('refuses forged and altered links on GET and POST, changing nothing', async () => {
    const s = await scenario();
    const other = await scenario();
    const before = [await state(s.contactId), await state(other.contactId)];
    const token = s.path.split('/').pop()!;
    const [id, mac] = [token.slice(0, token.lastIndexOf('.')), token.slice(token.lastIndexOf('.') + 1)];
    const flipped = `${mac[0] === 'A' ? 'B' : 'A'}${mac.slice(1)}`;
    const forgedPaths = [
      `/api/unsubscribe/${id}.${flipped}`,
      `/api/unsubscribe/${other.emailId}.${mac}`,
      `/api/unsubscribe/${id}`,
      `/api/unsubscribe/${signUnsubscribeToken(Buffer.alloc(32, 1), other.emailId)}`,
    ];
    for (const path of forgedPaths) {
      const get = await t.call('GET', path, { token: null });
      expect(get.status).toBe(400);
      expect(String(get.body)).toContain('not valid');
      expect((await oneClick(path)).status).toBe(400);
    }
    expect([await state(s.contactId), await state(other.contactId)]).toEqual(before);
  });

  it('answers 404 when the email behind a genuine link is gone', async () => {
    const path = new URL(unsubscribeUrl(t.deps.config.publicUrl, t.deps.config.secretKey, 'eml_gone'))
      .pathname;
    expect((await t.call('GET', path, { token: null })).status).toBe(404);
    expect((await oneClick(path)).status).toBe(404);
  });
});
