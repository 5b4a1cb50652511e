import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { mailboxes } from '../../../server/db/schema';
import { useTestApp } from '../helpers/test-app';
import { backends } from '../helpers/test-database';
import { harness } from '../scheduler/scheduler-harness';

const MONDAY_9_NY = '2026-11-23T14:00:00Z';
const codes = (body: { reasons: { code: string }[] }) => body.reasons.map((r) => r.code);

/**
 * Finding 11: preflight with a sequence and no mailboxId checked the caller's own first mailbox, so a
 * contact whose enrollment's mailbox was removed or switched off looked fine while the scheduler held
 * the email.
 */
describe.each(backends)("preflight uses the enrollment's mailboxes (%s)", (backend) => {
  const t = useTestApp(backend, { now: MONDAY_9_NY });

  it('reports no_send_from_mailbox / mailbox_inactive exactly as the scheduler then records them', async () => {
    const h = await harness(t);
    const seq = await h.sequence();
    const removed = await h.mailbox();
    const switchedOff = await h.mailbox();
    // The caller still has a healthy mailbox of their own: it must not hide the enrollment's problem.
    await h.mailbox();
    const orphan = await h.contact();
    const stuck = await h.contact();
    const fine = await h.contact();
    const [orphanEnr] = await h.enroll(seq.id, [orphan], [removed]);
    const [stuckEnr] = await h.enroll(seq.id, [stuck], [switchedOff]);
    const [fineEnr] = await h.enroll(seq.id, [fine], [switchedOff, removed]);

    const preflight = (contactId: string) =>
      t.call('POST', '/api/preflight', { body: { contactId, sequenceId: seq.id, stepId: seq.steps[0]!.id } });
    expect((await preflight(orphan)).body).toEqual({ ok: true, reasons: [] });

    expect((await t.call('DELETE', `/api/mailboxes/${removed}`)).status).toBe(200);
    await t.db.database.db
      .update(mailboxes)
      .set({ status: 'inactive', inactiveReason: 'the password was refused' })
      .where(eq(mailboxes.id, switchedOff));

    const orphanCheck = await preflight(orphan);
    expect(orphanCheck.body.ok).toBe(false);
    expect(codes(orphanCheck.body)).toContain('no_send_from_mailbox');
    const stuckCheck = await preflight(stuck);
    expect(codes(stuckCheck.body)).toContain('mailbox_inactive');
    expect(codes(stuckCheck.body)).not.toContain('no_send_from_mailbox');
    // A pool with one removed and one inactive mailbox is held as inactive (the one still linked).
    expect(codes((await preflight(fine)).body)).toContain('mailbox_inactive');

    await h.drain();
    expect(h.provider.sent).toHaveLength(0);
    const [orphanEmail] = await h.emailsOf(orphanEnr!);
    const [stuckEmail] = await h.emailsOf(stuckEnr!);
    const [fineEmail] = await h.emailsOf(fineEnr!);
    expect(orphanEmail).toMatchObject({ status: 'not_sent', reason: 'no_send_from_mailbox' });
    expect(stuckEmail).toMatchObject({ status: 'not_sent', reason: 'mailbox_inactive' });
    expect(fineEmail).toMatchObject({ status: 'not_sent', reason: 'mailbox_inactive' });
  });

  it('a contact not yet enrolled is checked against the pool enrolling them would get', async () => {
    const h = await harness(t);
    const seq = await h.sequence();
    const contact = await h.contact();
    // The caller's only mailboxes are inactive: enrolling now would hold the email as mailbox_inactive.
    await t.db.database.db.update(mailboxes).set({ status: 'inactive' });
    const r = await t.call('POST', '/api/preflight', { body: { contactId: contact, sequenceId: seq.id } });
    expect(codes(r.body)).toContain('mailbox_inactive');
  });
});
