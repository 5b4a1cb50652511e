import { randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { activities, users } from '../../../server/db/schema';
import { ingestMessages, type SyncMailbox } from '../../../server/sync/ingest';
import { useTestApp } from '../helpers/test-app';
import { backends } from '../helpers/test-database';
import { plainMail } from './helpers/raw-mail';
import { MONDAY, syncWorld } from './helpers/sync-world';

describe.each(backends)('a reply from a colleague at the same account (%s)', (backend) => {
  const t = useTestApp(backend, { now: MONDAY });
  const w = syncWorld(t);

  it('is recorded on the colleague, changes no enrollment, and feeds same_account_replied', async () => {
    // Contacts at brightlane.example (syncWorld's domain) are linked to this account by their domain.
    const account = await t.call('POST', '/api/accounts', {
      body: { name: 'Brightlane', domain: 'brightlane.example' },
    });
    expect(account.status).toBe(201);
    const address = 'colleague-sync@stride.test';
    const mailboxId = await w.mailbox('smtp', address, { host: 'smtp.stride.test', port: 587 });
    const [u] = await t.db.database.db.select().from(users).where(eq(users.email, 'admin@example.test'));
    if (!u) throw new Error('no admin');
    const mailbox: SyncMailbox = {
      id: mailboxId,
      teamId: u.teamId,
      provider: 'smtp',
      address,
      owner: { id: u.id, teamId: u.teamId, email: u.email, name: u.name, role: u.role },
    };
    const prospect = await w.started(mailboxId);
    const colleague = await w.contact();
    const third = await w.contact();
    const guarded = await t.call('POST', '/api/sequences', {
      body: {
        name: 'Guarded',
        active: true,
        ruleset: { sameAccountReply: 'not_sent' },
        steps: [{ type: 'auto_email', waitMinutes: 0, subject: 'Hello', body: 'Hi' }],
      },
    });
    const codes = async () =>
      (
        (
          await t.call('POST', '/api/preflight', {
            body: { contactId: third.id, sequenceId: guarded.body.id },
          })
        ).body.reasons as { code: string }[]
      ).map((x) => x.code);
    expect(await codes()).not.toContain('same_account_replied');

    const reply = plainMail({
      from: colleague.email,
      to: address,
      date: new Date(t.clock.now().getTime() + 60_000),
      inReplyTo: prospect.messageId,
      text: 'I look after this for Brightlane; happy to talk next week.',
    });
    const report = await ingestMessages(
      t.db.database.db,
      mailbox,
      [{ providerId: `INBOX/1/${randomUUID()}`, folder: 'INBOX', raw: reply }],
      { now: t.clock.now },
    );
    expect(report).toMatchObject({ ingested: 1, events: [] });
    expect((await w.enrollment(prospect.enrollmentId)).status).toBe('active');
    const recorded = await t.db.database.db
      .select()
      .from(activities)
      .where(and(eq(activities.contactId, colleague.id), eq(activities.kind, 'email.replied')));
    expect(recorded).toHaveLength(1);
    expect(recorded[0]?.data).toMatchObject({ sameAccount: true, finished: false, seenIn: { via: 'sync' } });
    expect(await codes()).toContain('same_account_replied');
  });
});
