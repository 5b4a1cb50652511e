import { afterEach, describe, expect, it, vi } from 'vitest';
import { createGmailHost } from '../../extension/hosts/gmail/gmail-host';
import { createHeaderFetcher } from '../../extension/hosts/gmail/original-headers';
import { rowLabel, watchThreadRows } from '../../extension/hosts/gmail/thread-rows';
import { reportThread } from '../../extension/integration/report-thread';
import type { EnrollmentView } from '../../shared/schemas/extension-messages';
import { enrollment } from './helpers/fake-api';
import { startFakeExtension, tick } from './helpers/fake-extension';
import { FakeMessageView, FakeThreadRowView, FakeThreadView, fakeSdk } from './helpers/fake-inboxsdk';

const view = (overrides: Partial<EnrollmentView>): EnrollmentView => ({
  ...enrollment(),
  sequenceName: 'Onboarding',
  ...overrides,
});

const dana = { name: 'Dana Lee', emailAddress: 'dana@acme.test' };
const me = { name: 'me', emailAddress: 'rep@example.test' };
const stranger = { name: 'Sam', emailAddress: 'sam@other.test' };

/** Gmail's "Show original" for one message: the header block, then a body never to be read. */
function originalSource(fetched: string[]) {
  return async (input: RequestInfo | URL) => {
    fetched.push(String(input));
    const source =
      'Message-ID: <ooo-1@acme.test>\r\nAuto-Submitted: auto-replied\r\nSubject: Out of office\r\n\r\nI am away until Monday.';
    return new Response(source, { status: 200 });
  };
}

let stopRows: (() => void) | undefined;
afterEach(() => stopRows?.());

describe('rowLabel', () => {
  it('shows the status that needs a person most, with the sequence name, and nothing for ended ones', () => {
    expect(
      rowLabel([view({ status: 'active' }), view({ id: 'e_2', status: 'paused', sequenceName: 'Renewal' })]),
    ).toMatchObject({ title: 'Paused: Renewal', foregroundColor: '#7a4f00' });
    expect(rowLabel([view({ status: 'not_sent' })])?.title).toBe('Not sent: Onboarding');
    expect(rowLabel([view({ status: 'active', sequenceName: null })])?.title).toBe('Stride: Active');
    expect(rowLabel([view({ status: 'finished' }), view({ status: 'removed' })])).toBeUndefined();
    expect(rowLabel([])).toBeUndefined();
  });
});

describe('Gmail thread list rows', () => {
  it('labels each row with its contact’s sequence status from the cache, asking the server nothing per row', async () => {
    const { api, client } = await startFakeExtension();
    // The panel's lookup fills the cache, as opening any thread with Dana would.
    await client.request({ type: 'contact.lookup', email: 'dana@acme.test', mode: 'server' });
    const before = api.calls.length;
    const fake = fakeSdk();
    stopRows = watchThreadRows({ sdk: fake.sdk, client });
    const rows = [
      new FakeThreadRowView({
        threadId: 't1',
        subject: 'Pricing',
        date: 'Mar 4, 2025, 9:15 AM',
        contacts: [me, dana],
      }),
      new FakeThreadRowView({
        threadId: 't2',
        subject: 'Lunch',
        date: 'Mar 4, 2025, 9:15 AM',
        contacts: [stranger, me],
      }),
      new FakeThreadRowView({
        threadId: 't3',
        subject: 'Again',
        date: 'Mar 4, 2025, 9:15 AM',
        contacts: [dana, me],
      }),
    ];
    for (const row of rows) fake.showRow(row);
    // Labels arrive after the cache answers; wait for them rather than for a fixed time (CI is loaded).
    await vi.waitFor(
      () => {
        expect(rows[0]?.labels).toEqual([
          { title: 'Active: Onboarding', foregroundColor: '#0d652d', backgroundColor: '#e6f4ea' },
        ]);
        expect(rows[2]?.labels).toHaveLength(1);
      },
      { timeout: 5000 },
    );
    await tick(20);
    expect(rows[1]?.labels).toEqual([]);
    // Cache answers only: no contact or enrollment request, and nothing reported (no latest message id).
    expect(api.calls.slice(before)).toEqual([]);
  });

  it('reports the latest message of a row from an enrolled contact once, under the opened thread’s key', async () => {
    const { api, client } = await startFakeExtension();
    await client.request({ type: 'contact.lookup', email: 'dana@acme.test', mode: 'server' });
    const fetched: string[] = [];
    const headersOf = createHeaderFetcher({
      fetch: originalSource(fetched) as typeof fetch,
      location: { origin: 'https://mail.google.com', pathname: '/mail/u/1/' },
    });
    const fake = fakeSdk();
    stopRows = watchThreadRows({ sdk: fake.sdk, client, headersOf, now: () => new Date(2025, 2, 5) });
    const row = () =>
      new FakeThreadRowView({
        threadId: 't1',
        subject: 'Automatic reply: Pricing',
        date: 'Mar 4, 2025, 9:15 AM',
        contacts: [me, dana],
        lastMessageId: '18c2f0a2',
        snippet: 'I am away until Monday.',
      });
    // The rep writes last in this row: nothing of theirs is reported.
    fake.showRow(
      new FakeThreadRowView({
        threadId: 't9',
        subject: 'Re: Pricing',
        date: 'Mar 4, 2025, 9:15 AM',
        contacts: [dana, me],
        lastMessageId: '18c2ffff',
      }),
    );
    fake.showRow(row());
    fake.showRow(row()); // Gmail re-renders the same row
    await tick(30);

    const posts = api.callsTo('POST', '/api/threads/observe');
    expect(posts).toHaveLength(1);
    expect(posts[0]?.body).toEqual({
      host: 'gmail',
      threadId: 't1',
      subject: 'Automatic reply: Pricing',
      messages: [
        {
          messageId: '<ooo-1@acme.test>',
          from: 'dana@acme.test',
          to: ['rep@example.test'],
          date: new Date(2025, 2, 4, 9, 15).toISOString(),
          text: 'I am away until Monday.',
          headers: { 'Message-ID': '<ooo-1@acme.test>', 'Auto-Submitted': 'auto-replied' },
        },
      ],
    });
    expect(fetched).toEqual([
      `https://mail.google.com/mail/u/1/?view=om&permmsgid=msg-f:${BigInt('0x18c2f0a2')}`,
    ]);

    // Opening that thread later reports the same message again from the page: it is not sent twice.
    const host = createGmailHost(fake.sdk, { headersOf, now: () => new Date(2025, 2, 5) });
    host.onThreadOpened((thread) => reportThread(client, 'gmail', thread));
    fake.openThread(
      new FakeThreadView('t1', 'Automatic reply: Pricing', [
        new FakeMessageView({
          sender: dana,
          to: ['rep@example.test'],
          date: 'Tue, Mar 4, 2025 at 9:15 AM',
          messageId: '18c2f0a2',
          body: 'I am away until Monday. Write to ops@acme.test for anything urgent.',
        }),
      ]),
    );
    await tick(30);
    expect(api.callsTo('POST', '/api/threads/observe')).toHaveLength(1);
    expect(fetched).toHaveLength(1);
  });
});

describe('reporting a Gmail message whose headers were read only once', () => {
  it('counts it once: the host’s key decides, not the Message-ID that came with the headers', async () => {
    const { api, client } = await startFakeExtension();
    const message = {
      key: 'gmail:18c2f0a2',
      from: 'dana@acme.test',
      to: ['rep@example.test'],
      date: '2025-03-04T09:15:00.000Z',
      text: 'Thanks, I will take a look.',
    };
    const first = await client.request({
      type: 'thread.observe',
      host: 'gmail',
      threadId: 't1',
      messages: [message],
    });
    const again = await client.request({
      type: 'thread.observe',
      host: 'gmail',
      threadId: 't1',
      messages: [{ ...message, messageId: '<r1@acme.test>', headers: { 'Message-ID': '<r1@acme.test>' } }],
    });
    expect(first).toMatchObject({ ok: true, result: { reported: 1 } });
    expect(again).toMatchObject({ ok: true, result: { reported: 0 } });
    expect(api.callsTo('POST', '/api/threads/observe')).toHaveLength(1);
  });
});
