import { describe, expect, it } from 'vitest';
import { GRAPH_RESCAN_MARGIN_MS } from '../../../server/sync/sources/graph-source';
import { useTestApp } from '../helpers/test-app';
import { backends } from '../helpers/test-database';
import { createGraphStandIn } from '../providers/stand-ins/graph';
import { useApiStandIn } from './helpers/api-stand-in';
import { deliveryReport, outOfOffice, plainMail } from './helpers/raw-mail';
import { MONDAY } from './helpers/sync-world';

describe.each(backends)('Outlook (Graph) sync against the stand-in (%s)', (backend) => {
  const t = useTestApp(backend, { now: MONDAY });
  const graph = createGraphStandIn({ accessToken: 'EwB.sync', refreshToken: 'M.C5.sync' });
  const box = graph.mailbox;
  const { w, soon, linked } = useApiStandIn(t, graph, {
    provider: 'outlook',
    domain: 'stride-outlook.test',
    accessToken: 'EwB.sync',
    refreshToken: 'M.C5.sync',
    client: { clientId: 'stride-outlook-client' },
  });
  const api = async (method: string, path: string, body?: unknown) => {
    const r = await t.call(method, path, { body });
    if (r.status >= 300) throw new Error(`${method} ${path}: ${r.status} ${JSON.stringify(r.body)}`);
    return r.body;
  };
  const enrollContact = async (email: string, mailboxId: string): Promise<string> => {
    const c = await api('POST', '/api/contacts', { email, emailStatus: 'verified' });
    const seq = await api('POST', '/api/sequences', {
      name: `Self test ${email}`,
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

  it('reads Inbox, Junk Email, Archive and other folders by delta, never Sent Items; pages out of order and repeated apply once', async () => {
    const { id, address } = await linked();
    box.deliver(plainMail({ from: 'old@elsewhere.example', to: address, date: t.clock.now() }), {
      at: new Date(t.clock.now().getTime() - 3_600_000),
    });
    expect(await w.syncOnce(id)).toMatchObject({ state: 'ok', report: { fetched: 0 } });
    const cursor = (await w.syncState(id))?.cursor as { folders: Record<string, { name: string }> };
    expect(
      Object.values(cursor.folders)
        .map((f) => f.name)
        .sort(),
    ).toEqual(['Archive', 'Deleted Items', 'Inbox', 'Junk Email', 'Prospects']);

    const inbox = await w.started(id);
    const junk = await w.started(id);
    const archived = await w.started(id);
    const moved = await w.started(id);
    const newThread = await w.started(id);
    const away = await w.started(id);
    const bounced = await w.started(id);
    const other = await w.started(id);
    const at = soon();
    const reply = (e: typeof inbox) =>
      plainMail({ from: e.contact.email, to: address, date: at, inReplyTo: e.messageId });
    box.deliver(reply(inbox), { at });
    box.deliver(reply(junk), { at, folder: 'junkemail' });
    box.deliver(reply(archived), { at, folder: 'archive' });
    box.deliver(reply(moved), { at, folder: 'Prospects' });
    box.deliver(
      plainMail({ from: newThread.contact.email, to: address, date: at, subject: 'Another thing' }),
      { at },
    );
    box.deliver(outOfOffice({ from: away.contact.email, to: address, date: at }), { at });
    box.deliver(
      deliveryReport({
        to: address,
        failed: bounced.contact.email,
        originalMessageId: bounced.messageId,
        date: at,
      }),
      { at },
    );
    const sentCopy = box.deliver(reply(other).replace(`From: ${other.contact.email}`, `From: ${address}`), {
      at,
      folder: 'sentitems',
    });
    box.state.pageSize = 2;
    box.state.duplicatePages = true;
    box.state.reversePages = true;
    t.clock.advance(2 * 60_000);

    const r = await w.syncOnce(id);
    expect(r.state).toBe('ok');
    if (r.state !== 'ok') return;
    expect(r.report.ingested).toBe(7);
    for (const e of [inbox, junk, archived, moved, newThread]) {
      expect((await w.enrollment(e.enrollmentId)).status).toBe('finished');
    }
    expect((await w.enrollment(away.enrollmentId)).status).toBe('paused');
    expect((await w.enrollment(bounced.enrollmentId)).status).toBe('bounced');
    expect((await w.enrollment(other.enrollmentId)).status).toBe('active');
    const junkReply = (await w.history(junk.enrollmentId)).find((a) => a.kind === 'email.replied');
    expect(junkReply?.data.seenIn).toEqual({ via: 'sync', mailboxId: id, address, folder: 'Junk Email' });
    expect(box.state.reads.some((p) => p.includes(sentCopy.id))).toBe(false);

    expect(await w.syncOnce(id)).toMatchObject({ state: 'ok', report: { fetched: 0, ingested: 0 } });
  });

  it('an expired delta token (410) starts a fresh round since the last good sync and applies nothing twice', async () => {
    const { id, address } = await linked();
    await w.syncOnce(id);
    const first = await w.started(id);
    const second = await w.started(id);
    let at = soon();
    box.deliver(outOfOffice({ from: first.contact.email, to: address, date: at }), { at });
    expect(await w.syncOnce(id)).toMatchObject({ state: 'ok', report: { ingested: 1 } });
    const lastGood = (await w.syncState(id))?.lastSyncedAt as Date;

    at = soon();
    box.deliver(
      plainMail({ from: second.contact.email, to: address, date: at, inReplyTo: second.messageId }),
      {
        at,
      },
    );
    box.expireDeltaTokens();
    box.state.reads = [];
    const r = await w.syncOnce(id);
    expect(r).toMatchObject({ state: 'ok', report: { fetched: 2, duplicates: 1, ingested: 1 } });
    const since = new Date(lastGood.getTime() - GRAPH_RESCAN_MARGIN_MS).toISOString();
    expect(
      box.state.reads.some((p) => decodeURIComponent(p).includes(`$filter=receivedDateTime+ge+${since}`)),
    ).toBe(true);
    expect((await w.enrollment(second.enrollmentId)).status).toBe('finished');
    expect(
      (await w.history(first.enrollmentId)).filter((a) => a.kind === 'email.out_of_office'),
    ).toHaveLength(1);
  });

  it('429 honours Retry-After; a revoked grant puts the mailbox in inactive with a reason', async () => {
    const { id } = await linked();
    await w.syncOnce(id);
    box.state.readScript.push({
      status: 429,
      body: {
        error: { code: 'ApplicationThrottled', message: 'Application is over its MailboxConcurrency limit.' },
      },
      headers: { 'retry-after': '30' },
    });
    const limited = await w.syncOnce(id);
    expect(limited).toMatchObject({ state: 'error', error: { kind: 'rate_limited' } });
    expect((await w.syncState(id))?.nextSyncAt.getTime()).toBe(t.clock.now().getTime() + 30_000);

    graph.state.accessTokens = new Set();
    graph.state.refreshToken = 'M.C5.other';
    const revoked = await w.syncOnce(id);
    expect(revoked).toMatchObject({ state: 'error', error: { kind: 'auth' } });
    const row = await w.mailboxRow(id);
    expect(row?.status).toBe('inactive');
    expect(row?.inactiveReason).toMatch(
      /Microsoft Graph refused access.*invalid_grant.*Reconnect the mailbox/,
    );
  });

  it('learns the aliases from proxyAddresses (smtp: only, not the primary, SIP: or X500:): mail from one is never a reply', async () => {
    const { id, address } = await linked();
    const alias = 'sales.desk@brand-outlook.test';
    box.state.proxyAddresses = [
      `SMTP:${address}`,
      'smtp:Sales.Desk@Brand-Outlook.test',
      'smtp:rep.old@stride-outlook.onmicrosoft.com',
      `SIP:${address}`,
      'X500:/o=ExchangeLabs/ou=Exchange Administrative Group/cn=Recipients/cn=rep',
    ];
    expect(await w.syncOnce(id)).toMatchObject({ state: 'ok' });
    expect(box.state.profileReads).toEqual(['?$select=proxyAddresses']);
    expect((await w.syncState(id))?.aliases).toEqual([alias, 'rep.old@stride-outlook.onmicrosoft.com']);

    // Reps try sequences on themselves: the alias is also an enrolled contact, so before aliases were
    // learned its auto-answer paused the enrollment and its mail finished it.
    const selfTest = await enrollContact(alias, id);
    const at = soon();
    box.deliver(outOfOffice({ from: `Sales <${alias}>`, to: address, date: at }), { at });
    box.deliver(plainMail({ from: alias, to: address, date: at, subject: 'Pricing sheet' }), { at });
    t.clock.advance(2 * 60_000);
    expect(await w.syncOnce(id)).toMatchObject({ state: 'ok', report: { fetched: 2, events: [] } });
    expect((await w.enrollment(selfTest)).status).toBe('active');
    // Read again only with the folder list (daily), and kept in between.
    expect(box.state.profileReads).toHaveLength(1);
    expect((await w.syncState(id))?.aliases).toEqual([alias, 'rep.old@stride-outlook.onmicrosoft.com']);
  });

  it.each(['denied', 'notFound'] as const)(
    'when Graph refuses the aliases (403 denied, 404 not found: %s) they stay unknown and mail is still read',
    async (refusal) => {
      const { id, address } = await linked();
      box.state.proxyAddresses = [`SMTP:${address}`, 'smtp:desk@brand-outlook.test'];
      box.state.profileRefusal = refusal;
      expect(await w.syncOnce(id)).toMatchObject({ state: 'ok', report: { fetched: 0 } });
      expect(box.state.profileReads).toHaveLength(1);
      const sync = await w.syncState(id);
      expect(sync?.aliases).toBeNull();
      expect(sync?.lastError ?? null).toBeNull();

      const prospect = await w.started(id);
      const at = soon();
      box.deliver(
        plainMail({ from: prospect.contact.email, to: address, date: at, inReplyTo: prospect.messageId }),
        { at },
      );
      t.clock.advance(2 * 60_000);
      expect(await w.syncOnce(id)).toMatchObject({ state: 'ok', report: { ingested: 1 } });
      expect((await w.enrollment(prospect.enrollmentId)).status).toBe('finished');
    },
  );
});
