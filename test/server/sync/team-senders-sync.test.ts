import { describe, expect, it } from 'vitest';
import { useTestApp } from '../helpers/test-app';
import { backends } from '../helpers/test-database';
import { createGmailStandIn, GOOGLE_CLIENT } from '../providers/stand-ins/gmail';
import { useApiStandIn } from './helpers/api-stand-in';
import { outOfOffice, plainMail } from './helpers/raw-mail';
import { MONDAY } from './helpers/sync-world';

/**
 * Issue 15 through mailbox sync (Gmail stand-in → raw MIME → the same matcher as the page): mail the
 * team writes into a prospect's thread is never a reply, out-of-office or bounce. Each team address is
 * also an enrolled contact (reps try sequences on themselves), so before the fix these finished.
 */
describe.each(backends)('sync ignores the team’s own senders (%s)', (backend) => {
  const t = useTestApp(backend, { now: MONDAY });
  const gmail = createGmailStandIn({ accessToken: 'ya29.team', refreshToken: '1//team-refresh' });
  const inbox = gmail.mailbox;
  const h = useApiStandIn(t, gmail, {
    provider: 'gmail',
    domain: 'stride-team.test',
    accessToken: 'ya29.team',
    refreshToken: '1//team-refresh',
    client: { clientId: GOOGLE_CLIENT.id, clientSecret: GOOGLE_CLIENT.secret },
    onAddress: (address) => {
      inbox.state.address = address;
    },
  });
  const { w, soon } = h;
  const api = async (method: string, path: string, body?: unknown, token?: string) => {
    const r = await t.call(method, path, { body, ...(token && { token }) });
    if (r.status >= 300) throw new Error(`${method} ${path}: ${r.status} ${JSON.stringify(r.body)}`);
    return r.body;
  };
  let n = 0;
  const enrollContact = async (email: string, mailboxId: string) => {
    const c = await api('POST', '/api/contacts', { email, emailStatus: 'verified' });
    const seq = await api('POST', '/api/sequences', {
      name: `Self test ${++n}`,
      active: true,
      steps: [{ type: 'auto_email', waitMinutes: 0, subject: 'Try', body: 'Hi' }],
    });
    const r = await api('POST', `/api/sequences/${seq.id}/enrollments`, {
      contactIds: [c.id],
      mailboxIds: [mailboxId],
      skipValidation: true,
    });
    return r.enrollments[0].id as string;
  };

  it('a colleague’s Stride mailbox, the rep’s +tag, an alias and a user email finish nothing; the contact’s reply does', async () => {
    const { id, address } = await h.linked();
    await api('PATCH', `/api/mailboxes/${id}`, { settings: { aliases: ['hello@alias-team.test'] } });
    const colleague = await t.createUser('rep', 'Colleague');
    await api(
      'POST',
      '/api/mailboxes',
      { provider: 'sandbox', address: 'colleague-sync@stride-team.test' },
      colleague.token,
    );
    expect(await w.syncOnce(id)).toMatchObject({ state: 'ok' });

    const prospect = await w.started(id);
    const tagged = address.replace('@', '+notes@');
    const senders = ['colleague-sync@stride-team.test', tagged, 'hello@alias-team.test', colleague.email];
    const selfTests = [];
    for (const email of senders) selfTests.push({ email, enrollmentId: await enrollContact(email, id) });

    const at = soon();
    for (const from of senders.slice(0, 2)) {
      inbox.deliver(
        plainMail({ from, to: address, date: at, inReplyTo: prospect.messageId, text: 'Looping in.' }),
        { at },
      );
    }
    // The rep's alias auto-answers (its vacation responder) and a colleague writes into the thread.
    inbox.deliver(outOfOffice({ from: 'hello@alias-team.test', to: address, date: at }), { at });
    inbox.deliver(
      plainMail({ from: colleague.email, to: address, date: at, inReplyTo: prospect.messageId }),
      { at },
    );
    t.clock.advance(2 * 60_000);
    const r = await w.syncOnce(id);
    expect(r).toMatchObject({ state: 'ok', report: { fetched: 4, ingested: 4, events: [] } });
    expect((await w.enrollment(prospect.enrollmentId)).status).toBe('active');
    for (const s of selfTests) {
      expect([s.email, (await w.enrollment(s.enrollmentId)).status]).toEqual([s.email, 'active']);
    }

    const replyAt = soon();
    inbox.deliver(
      plainMail({ from: prospect.contact.email, to: address, date: replyAt, inReplyTo: prospect.messageId }),
      { at: replyAt },
    );
    t.clock.advance(2 * 60_000);
    expect(await w.syncOnce(id)).toMatchObject({ state: 'ok', report: { ingested: 1 } });
    expect((await w.enrollment(prospect.enrollmentId)).status).toBe('finished');
    for (const s of selfTests) expect((await w.enrollment(s.enrollmentId)).status).toBe('active');
  });

  it('learns Gmail "Send mail as" addresses when it starts reading: their mail is never a reply', async () => {
    const { id, address } = await h.linked();
    inbox.state.sendAs = ['Sales.Desk@Brand-Team.test'];
    expect(await w.syncOnce(id)).toMatchObject({ state: 'ok' });
    expect((await w.syncState(id))?.aliases).toEqual(['sales.desk@brand-team.test']);

    const prospect = await w.started(id);
    const alias = 'sales.desk@brand-team.test';
    const selfTest = await enrollContact(alias, id);
    const at = soon();
    inbox.deliver(outOfOffice({ from: `Sales <${alias}>`, to: address, date: at }), { at });
    inbox.deliver(
      plainMail({
        from: 'sales.desk+crm@brand-team.test',
        to: address,
        date: at,
        inReplyTo: prospect.messageId,
      }),
      { at },
    );
    t.clock.advance(2 * 60_000);
    expect(await w.syncOnce(id)).toMatchObject({ state: 'ok', report: { fetched: 2, events: [] } });
    expect((await w.enrollment(selfTest)).status).toBe('active');
    expect((await w.enrollment(prospect.enrollmentId)).status).toBe('active');
    // The learned list stays until the cursor starts again: a later pull does not clear it.
    expect((await w.syncState(id))?.aliases).toEqual(['sales.desk@brand-team.test']);
  });
});
