import { describe, expect, it } from 'vitest';
import { mailboxProviderSettings } from '../../../server/domain/mailboxes/mailbox-settings';
import { GMAIL_RESCAN_MARGIN_MS } from '../../../server/sync/sources/gmail-source';
import { useTestApp } from '../helpers/test-app';
import { backends } from '../helpers/test-database';
import { createGmailStandIn, GOOGLE_CLIENT } from '../providers/stand-ins/gmail';
import { useApiStandIn } from './helpers/api-stand-in';
import { deliveryReport, outOfOffice, plainMail } from './helpers/raw-mail';
import { MONDAY } from './helpers/sync-world';

describe.each(backends)('Gmail sync against the stand-in (%s)', (backend) => {
  const t = useTestApp(backend, { now: MONDAY });
  const gmail = createGmailStandIn({ accessToken: 'ya29.sync', refreshToken: '1//sync-refresh' });
  const inbox = gmail.mailbox;
  const h = useApiStandIn(t, gmail, {
    provider: 'gmail',
    domain: 'stride-gmail.test',
    accessToken: 'ya29.sync',
    refreshToken: '1//sync-refresh',
    client: { clientId: GOOGLE_CLIENT.id, clientSecret: GOOGLE_CLIENT.secret },
    onAddress: (address) => {
      inbox.state.address = address;
    },
  });
  const { w, soon } = h;
  const linked = (accessToken = 'ya29.sync') => h.linked({ accessToken });

  it('reads replies in the inbox, in spam, in a new thread and to an alias; pauses on out-of-office, bounces on a DSN; skips sent copies', async () => {
    const { id, address } = await linked();
    inbox.deliver(plainMail({ from: 'old@elsewhere.example', to: address, date: t.clock.now() }), {
      at: t.clock.now(),
    });
    // First sync: the profile's historyId, nothing read from before the mailbox was linked.
    expect(await w.syncOnce(id)).toMatchObject({ state: 'ok', report: { fetched: 0 } });
    expect((await w.syncState(id))?.cursor).toEqual({ historyId: String(inbox.state.historyId) });

    const inReply = await w.started(id);
    const inSpam = await w.started(id);
    const newThread = await w.started(id);
    const toAlias = await w.started(id);
    const away = await w.started(id);
    const bounced = await w.started(id);
    const other = await w.started(id);
    const at = soon();
    inbox.deliver(
      plainMail({ from: inReply.contact.email, to: address, date: at, inReplyTo: inReply.messageId }),
      { at },
    );
    inbox.deliver(
      plainMail({ from: inSpam.contact.email, to: address, date: at, inReplyTo: inSpam.messageId }),
      {
        at,
        labelIds: ['SPAM'],
      },
    );
    inbox.deliver(
      plainMail({ from: newThread.contact.email, to: address, date: at, subject: 'Different topic' }),
      { at },
    );
    inbox.deliver(plainMail({ from: toAlias.contact.email, to: address.replace('@', '+sales@'), date: at }), {
      at,
    });
    inbox.deliver(outOfOffice({ from: away.contact.email, to: address, date: at }), { at });
    inbox.deliver(
      deliveryReport({
        to: address,
        failed: bounced.contact.email,
        originalMessageId: bounced.messageId,
        date: at,
      }),
      { at },
    );
    // The rep's own mail to the contact (a sent copy) is never an answer.
    const sentCopy = inbox.deliver(
      plainMail({ from: address, to: other.contact.email, date: at, subject: 'Re: Quick question' }),
      {
        at,
        labelIds: ['SENT'],
      },
    );
    // Small pages served newest first, each repeating the page before.
    inbox.state.pageSize = 2;
    inbox.state.reversePages = true;
    inbox.state.duplicatePages = true;
    t.clock.advance(2 * 60_000);

    const r = await w.syncOnce(id);
    expect(r.state).toBe('ok');
    if (r.state !== 'ok') return;
    expect(r.report.ingested).toBe(6);
    for (const e of [inReply, inSpam, newThread, toAlias]) {
      expect((await w.enrollment(e.enrollmentId)).status).toBe('finished');
    }
    expect((await w.enrollment(away.enrollmentId)).status).toBe('paused');
    expect((await w.enrollment(bounced.enrollmentId)).status).toBe('bounced');
    expect((await w.enrollment(other.enrollmentId)).status).toBe('active');
    const spamReply = (await w.history(inSpam.enrollmentId)).find((a) => a.kind === 'email.replied');
    expect(spamReply?.data.seenIn).toEqual({ via: 'sync', mailboxId: id, address, folder: 'SPAM' });
    // Raw bodies were fetched for the six (repeats of a duplicated page too), never for the sent copy.
    const rawReads = inbox.state.reads.filter((p) => p.includes('format=raw'));
    expect(new Set(rawReads).size).toBe(6);
    expect(rawReads.some((p) => p.includes(sentCopy.id))).toBe(false);
    expect((await w.syncState(id))?.cursor).toEqual({ historyId: String(inbox.state.historyId) });

    const again = await w.syncOnce(id);
    expect(again).toMatchObject({ state: 'ok', report: { fetched: 0, ingested: 0 } });
  });

  it('an expired historyId rescans by date since the last good sync, spam and trash included, and applies nothing twice', async () => {
    const { id, address } = await linked();
    await w.syncOnce(id);
    const first = await w.started(id);
    const second = await w.started(id);
    let at = soon();
    inbox.deliver(outOfOffice({ from: first.contact.email, to: address, date: at }), { at });
    expect(await w.syncOnce(id)).toMatchObject({ state: 'ok', report: { ingested: 1 } });
    const lastGood = (await w.syncState(id))?.lastSyncedAt as Date;

    at = soon();
    inbox.deliver(
      plainMail({ from: second.contact.email, to: address, date: at, inReplyTo: second.messageId }),
      {
        at,
        labelIds: ['TRASH'],
      },
    );
    inbox.expireHistory();
    inbox.state.pageSize = 1;
    inbox.state.reads = [];
    const r = await w.syncOnce(id);
    expect(r).toMatchObject({ state: 'ok', report: { fetched: 2, duplicates: 1, ingested: 1 } });
    const after = Math.floor((lastGood.getTime() - GMAIL_RESCAN_MARGIN_MS) / 1000);
    expect(inbox.state.reads).toContain(
      `/gmail/v1/users/me/messages?q=after%3A${after}&includeSpamTrash=true&maxResults=500`,
    );
    expect((await w.enrollment(second.enrollmentId)).status).toBe('finished');
    expect(
      (await w.history(first.enrollmentId)).filter((a) => a.kind === 'email.out_of_office'),
    ).toHaveLength(1);
    // History resumes from where it stood when the rescan began.
    expect((await w.syncState(id))?.cursor).toEqual({ historyId: String(inbox.state.historyId) });
  });

  it('429 waits as long as Retry-After says and keeps the mailbox active', async () => {
    const { id } = await linked();
    await w.syncOnce(id);
    inbox.state.readScript.push({
      status: 429,
      body: {
        error: {
          code: 429,
          message: 'Too many requests',
          status: 'RESOURCE_EXHAUSTED',
          errors: [{ reason: 'rateLimitExceeded', domain: 'usageLimits', message: 'Too many requests' }],
        },
      },
      headers: { 'retry-after': '120' },
    });
    const r = await w.syncOnce(id);
    expect(r.state).toBe('error');
    if (r.state === 'error') expect(r.error.kind).toBe('rate_limited');
    const s = await w.syncState(id);
    expect(s?.nextSyncAt.getTime()).toBe(t.clock.now().getTime() + 120_000);
    expect(s?.lastError).toMatch(/asked Stride to slow down/);
    expect((await w.mailboxRow(id))?.status).toBe('active');
  });

  it('refreshes an expired access token and stores it; a revoked grant puts the mailbox in inactive with a reason', async () => {
    const { id, address } = await linked('ya29.expired');
    const s = await w.started(id);
    expect(await w.syncOnce(id)).toMatchObject({ state: 'ok' });
    const row = await w.mailboxRow(id);
    const settings = mailboxProviderSettings(t.deps.config.secretKey, row as never);
    expect(settings.accessToken).not.toBe('ya29.expired');
    expect(gmail.state.accessTokens.has(settings.accessToken as string)).toBe(true);

    const at = soon();
    inbox.deliver(plainMail({ from: s.contact.email, to: address, date: at, inReplyTo: s.messageId }), {
      at,
    });
    gmail.state.accessTokens = new Set();
    gmail.state.refreshToken = '1//someone-else';
    const r = await w.syncOnce(id);
    expect(r.state).toBe('error');
    const after = await w.mailboxRow(id);
    expect(after?.status).toBe('inactive');
    expect(after?.inactiveReason).toMatch(/Gmail API refused access.*invalid_grant.*Reconnect the mailbox/);
    expect((await w.enrollment(s.enrollmentId)).status).toBe('active');
    const shown = await t.call('GET', `/api/mailboxes/${id}`);
    expect(shown.body.sync).toMatchObject({ state: 'error', error: expect.stringMatching(/Reconnect/) });
  });
});
