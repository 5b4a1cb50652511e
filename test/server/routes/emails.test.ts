import { randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { contacts, emails } from '../../../server/db/schema';
import { recordSent } from '../../../server/scheduler/sql/record-sent';
import { addContact, createSequence, enrollIds, step } from '../helpers/enrollment-fixtures';
import { useTestApp } from '../helpers/test-app';
import { backends } from '../helpers/test-database';

type EmailDto = { id: string; status: string; subject?: string; stepId: string };

describe.each(backends)('GET /api/emails subjects (%s)', (backend) => {
  const t = useTestApp(backend, { now: '2026-11-23T15:00:00Z' });

  const listed = async (enrollmentId: string): Promise<EmailDto[]> => {
    const r = await t.call('GET', `/api/emails?enrollmentId=${enrollmentId}`);
    expect(r.status).toBe(200);
    return r.body.items;
  };

  /** Sends the pending email as a worker records it, with the subject it rendered. */
  async function send(enrollmentId: string, subject: string) {
    const attemptId = randomUUID();
    const [row] = await t.db.database.db
      .update(emails)
      .set({ status: 'sending', attemptId })
      .where(and(eq(emails.enrollmentId, enrollmentId), eq(emails.status, 'scheduled')))
      .returning();
    if (!row) throw new Error('nothing scheduled');
    await t.db.database.db.transaction((tx) =>
      recordSent(tx, { email: row, attemptId, teamId: row.teamId, enrollmentId }, {}, t.clock.now(), subject),
    );
    return row.id;
  }

  it('shows an unsent email with the subject it would go out with now, not its template', async () => {
    const seq = await createSequence(t, {
      steps: [step({ subject: 'Hi {{firstName | "there"}} at {{company}}' })],
    });
    const contactId = await addContact(t, { firstName: 'Dana', company: 'Acme' });
    const [enrollmentId] = await enrollIds(t, seq.id, [contactId]);

    const [scheduled] = await listed(enrollmentId!);
    expect(scheduled).toMatchObject({ status: 'scheduled', subject: 'Hi Dana at Acme' });
    const one = await t.call('GET', `/api/emails/${scheduled!.id}`);
    expect(one.body.subject).toBe('Hi Dana at Acme');

    // Still a preview: it follows the contact until the email goes out.
    await t.db.database.db.update(contacts).set({ firstName: 'Dee' }).where(eq(contacts.id, contactId));
    expect((await listed(enrollmentId!))[0]?.subject).toBe('Hi Dee at Acme');
  });

  it('leaves a gap visible where data is missing, and keeps a sent subject as it went out', async () => {
    const seq = await createSequence(t, {
      steps: [
        step({ subject: 'About {{company}}' }),
        step({ waitMinutes: 60, threadMode: 'reply_previous' }),
      ],
    });
    const contactId = await addContact(t, { firstName: 'Ari', company: null });
    const [enrollmentId] = await enrollIds(t, seq.id, [contactId]);
    expect((await listed(enrollmentId!))[0]?.subject).toBe('About {{company}}');

    await t.db.database.db.update(contacts).set({ company: 'Globex' }).where(eq(contacts.id, contactId));
    const sentId = await send(enrollmentId!, 'About Globex');
    await t.db.database.db.update(contacts).set({ company: 'Initech' }).where(eq(contacts.id, contactId));

    const all = await listed(enrollmentId!);
    expect(all).toHaveLength(2);
    const first = all.find((e) => e.id === sentId);
    const reply = all.find((e) => e.id !== sentId);
    expect(first).toMatchObject({ status: 'sent', subject: 'About Globex' });
    // The follow-up answers the thread under the subject the first email went out with.
    expect(reply).toMatchObject({ status: 'scheduled', subject: 'Re: About Globex' });
  });
});
