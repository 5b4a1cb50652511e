import type { InboxSDK } from '@inboxsdk/core';
import { describe, expect, expectTypeOf, it, vi } from 'vitest';
import { createGmailHost } from '../../extension/hosts/gmail/gmail-host';
import type { GmailSdk } from '../../extension/hosts/gmail/sdk-types';
import type { MailCompose, MailMessage, MailThread } from '../../extension/hosts/mail-host';
import { FakeComposeView, FakeMessageView, FakeThreadView, fakeSdk } from './helpers/fake-inboxsdk';

const flush = () => new Promise((r) => setTimeout(r, 0));

const danaWrites = () =>
  new FakeMessageView({
    sender: { name: 'Dana Lee', emailAddress: 'Dana@Acme.test' },
    to: ['rep@example.test'],
    date: 'Tue, Mar 4, 2025 at 9:15 AM',
    messageId: '18c2f0a2',
    body: 'Thanks, I will take a look.',
  });
const repWrites = () =>
  new FakeMessageView({
    sender: { name: 'Rep Example', emailAddress: 'rep@example.test' },
    to: ['dana@acme.test', 'cfo@acme.test'],
    date: 'Mon, Mar 3, 2025 at 10:02 AM',
    messageId: '18c2e111',
    body: 'Hi Dana, here is the pricing.',
  });

describe('Gmail host (InboxSDK)', () => {
  it('is typed by the real InboxSDK: the loaded SDK object fits the slice the adapter uses', () => {
    expectTypeOf<InboxSDK>().toExtend<GmailSdk>();
  });

  it('turns an opened thread view into a MailThread with participants and messages', async () => {
    const fake = fakeSdk();
    const host = createGmailHost(fake.sdk);
    const opened: MailThread[] = [];
    host.onThreadOpened((t) => {
      opened.push(t);
      return undefined;
    });
    fake.openThread(new FakeThreadView('thread-1', 'Pricing for Q3', [repWrites(), danaWrites()]));
    await flush();

    expect(host.getUserAddress()).toBe('rep@example.test');
    const [thread] = opened;
    expect(thread?.id).toBe('thread-1');
    expect(thread?.subject).toBe('Pricing for Q3');
    expect(thread?.participants.map((p) => p.address)).toEqual([
      'rep@example.test',
      'dana@acme.test',
      'cfo@acme.test',
    ]);
    expect(thread?.participants[1]?.name).toBe('Dana Lee');
    expect(thread?.messages[1]).toEqual({
      key: 'gmail:18c2f0a2',
      from: 'dana@acme.test',
      to: ['rep@example.test'],
      date: new Date(2025, 2, 4, 9, 15).toISOString(),
      text: 'Thanks, I will take a look.',
    });
  });

  it('docks the panel in the thread sidebar and removes it on cleanup', async () => {
    const fake = fakeSdk();
    const host = createGmailHost(fake.sdk);
    const view = new FakeThreadView('thread-1', 'Pricing', [danaWrites()]);
    const el = document.createElement('div');
    let unmount: (() => void) | undefined;
    host.onThreadOpened((t) => {
      unmount = host.mountSidePanel(t, el);
      return undefined;
    });
    fake.openThread(view);
    await flush();
    expect(view.panels[0]?.descriptor.el).toBe(el);
    expect(view.panels[0]?.descriptor.title).toBe('Stride');
    unmount?.();
    expect(view.panels[0]?.removed).toBe(true);
  });

  it('reports messages that load later, and cleans up when the thread view is destroyed', async () => {
    const fake = fakeSdk();
    const host = createGmailHost(fake.sdk);
    const view = new FakeThreadView('thread-1', 'Pricing', [repWrites()]);
    const changes: MailMessage[][] = [];
    const cleanup = vi.fn();
    host.onThreadOpened((t) => {
      t.onMessagesChanged((m) => changes.push(m));
      return cleanup;
    });
    fake.openThread(view);
    await flush();

    const reply = danaWrites();
    reply.threadView = view;
    fake.loadMessage(reply);
    await flush();
    expect(changes).toHaveLength(1);
    expect(changes[0]?.map((m) => m.from)).toEqual(['rep@example.test', 'dana@acme.test']);

    // The same message loading again (collapsed, then expanded) is not news.
    fake.loadMessage(reply);
    await flush();
    expect(changes).toHaveLength(1);

    // A message of another thread is not this thread's.
    const elsewhere = danaWrites();
    elsewhere.threadView = new FakeThreadView('other', 'Other', []);
    fake.loadMessage(elsewhere);
    await flush();
    expect(changes).toHaveLength(1);

    view.emit('destroy');
    expect(cleanup).toHaveBeenCalledOnce();
  });

  describe('compose', () => {
    const openCompose = () => {
      const fake = fakeSdk();
      const host = createGmailHost(fake.sdk);
      const view = new FakeComposeView();
      let compose: MailCompose | undefined;
      host.onComposeOpened((c) => {
        compose = c;
        return undefined;
      });
      fake.openCompose(view);
      if (!compose) throw new Error('compose handler did not run');
      return { view, compose };
    };

    it('reads To, Cc and Bcc and follows recipient changes', () => {
      const { view, compose } = openCompose();
      view.to = [{ emailAddress: 'Dana@Acme.test', name: 'Dana' }];
      view.bcc = [{ emailAddress: 'log@crm.test' }];
      expect(compose.getRecipients()).toEqual(['dana@acme.test', 'log@crm.test']);
      const seen: string[][] = [];
      const stop = compose.onRecipientsChanged((r) => seen.push(r));
      view.cc = [{ emailAddress: 'cfo@acme.test' }];
      view.emit('recipientsChanged', {
        to: { added: [], removed: [] },
        cc: { added: [], removed: [] },
        bcc: { added: [], removed: [] },
      });
      expect(seen).toEqual([['dana@acme.test', 'cfo@acme.test', 'log@crm.test']]);
      stop();
      expect(view.count('recipientsChanged')).toBe(0);
    });

    it('mounts the bar in a compose status bar', () => {
      const { view, compose } = openCompose();
      const el = document.createElement('div');
      const unmount = compose.mountBar(el);
      expect(view.statusBars[0]?.el.contains(el)).toBe(true);
      unmount();
      expect(view.statusBars[0]?.destroyed).toBe(true);
    });

    it('cancels presending synchronously when held, then sends once without asking again', () => {
      const { view, compose } = openCompose();
      const hook = vi.fn((): boolean | 'hold' => 'hold');
      compose.onPresend(hook);

      expect(view.clickSend()).toBe(false);
      expect(view.sends).toBe(0);
      expect(hook).toHaveBeenCalledTimes(1);

      compose.send();
      expect(view.sends).toBe(1);
      expect(hook).toHaveBeenCalledTimes(1);

      // The re-entry pass is spent: the next click is checked again.
      expect(view.clickSend()).toBe(false);
      expect(hook).toHaveBeenCalledTimes(2);
    });

    it('lets the send through when the hook allows it, and cancels when it refuses', () => {
      const { view, compose } = openCompose();
      let answer: boolean | 'hold' = true;
      compose.onPresend(() => answer);
      expect(view.clickSend()).toBe(true);
      answer = false;
      expect(view.clickSend()).toBe(false);
      expect(view.sends).toBe(1);
    });
  });
});

describe('Gmail host with original-source headers', () => {
  it('reports the RFC 3834 headers and Message-ID of messages others sent, and asks nothing for the rep’s own', async () => {
    const asked: string[] = [];
    const headersOf = async (id: string) => {
      asked.push(id);
      return { 'Message-ID': '<ooo-1@acme.test>', 'Auto-Submitted': 'auto-replied', Precedence: 'bulk' };
    };
    const fake = fakeSdk();
    const host = createGmailHost(fake.sdk, { headersOf });
    const opened: MailThread[] = [];
    host.onThreadOpened((t) => {
      opened.push(t);
      return undefined;
    });
    fake.openThread(new FakeThreadView('thread-1', 'Pricing for Q3', [repWrites(), danaWrites()]));
    await flush();
    await flush();

    expect(asked).toEqual(['18c2f0a2']);
    expect(opened[0]?.messages[0]).not.toHaveProperty('headers');
    expect(opened[0]?.messages[1]).toEqual({
      key: 'gmail:18c2f0a2',
      messageId: '<ooo-1@acme.test>',
      from: 'dana@acme.test',
      to: ['rep@example.test'],
      date: new Date(2025, 2, 4, 9, 15).toISOString(),
      text: 'Thanks, I will take a look.',
      headers: { 'Message-ID': '<ooo-1@acme.test>', 'Auto-Submitted': 'auto-replied', Precedence: 'bulk' },
    });
  });
});
