import { afterEach, describe, expect, it, vi } from 'vitest';
import type { MailCompose, MailMessage, MailThread } from '../../extension/hosts/mail-host';
import { createOutlookHost } from '../../extension/hosts/outlook/outlook-host';
import { detectOutlookUser, waitForOutlookUser } from '../../extension/hosts/outlook/outlook-user';
import { addRecipient, click, loadOwa, OUTLOOK_FIXTURE, type OwaPage, settle } from './helpers/outlook-page';

let page: OwaPage;
afterEach(() => page?.dom.window.close());

describe('Outlook user detection', () => {
  it("reads the signed-in address from OWA's account manager flyout", () => {
    page = loadOwa();
    expect(detectOutlookUser(page.doc)).toBe('rep@example.test');
  });

  it('falls back to the account button label, then the folder pane, then the title', () => {
    page = loadOwa();
    page.doc.getElementById('mectrl_flyout')?.remove();
    // The fixture's button names the user only; the folder pane's mailbox node carries the address.
    expect(detectOutlookUser(page.doc)).toBe('rep@example.test');
    page.doc.querySelector('[role="tree"]')?.remove();
    expect(detectOutlookUser(page.doc)).toBeUndefined();
    page.doc
      .getElementById('mectrl_main_trigger')
      ?.setAttribute('aria-label', 'Account manager for Rep (Rep@Example.test)');
    expect(detectOutlookUser(page.doc)).toBe('rep@example.test');
    page.doc.getElementById('mectrl_main_trigger')?.remove();
    page.doc.title = 'Mail - rep2@example.test - Outlook';
    expect(detectOutlookUser(page.doc)).toBe('rep2@example.test');
  });

  it('waits for OWA to render the user', async () => {
    const html = OUTLOOK_FIXTURE.replace(
      '<div id="mectrl_currentAccount_secondary">rep@example.test</div>',
      '',
    ).replace('title="rep@example.test"', '');
    page = loadOwa(html);
    expect(detectOutlookUser(page.doc)).toBeUndefined();
    const found = waitForOutlookUser(page.doc, 5_000);
    const late = page.doc.createElement('div');
    late.id = 'mectrl_currentAccount_secondary';
    late.textContent = 'late@example.test';
    page.doc.body.append(late);
    await expect(found).resolves.toBe('late@example.test');
  });
});

describe('Outlook host (DOM)', () => {
  const openHost = () => {
    page = loadOwa();
    return createOutlookHost(page.doc, 'rep@example.test');
  };

  it('opens a thread from the reading pane with participants and messages', async () => {
    const host = openHost();
    const threads: MailThread[] = [];
    host.onThreadOpened((t) => {
      threads.push(t);
      return undefined;
    });
    click(page, '[role="option"][data-convid="AAQkADana"]');
    await settle();
    expect(threads).toHaveLength(1);
    const t = threads[0];
    expect(t?.id).toBe('AAQkADana');
    expect(t?.subject).toBe('Pricing for Q3');
    expect(t?.participants).toEqual([
      { address: 'rep@example.test', name: 'Rep Example' },
      { address: 'dana@acme.test', name: 'Dana Lee' },
    ]);
    expect(t?.messages[1]).toMatchObject({
      from: 'dana@acme.test',
      to: ['rep@example.test'],
      date: new Date(2025, 2, 4, 9, 15).toISOString(),
      text: 'Thanks, I will take a look next week.',
    });
    expect(t?.messages[1]?.key).toBeTruthy();
  });

  it('reports new messages in the open thread, and closes it when another opens', async () => {
    const host = openHost();
    const changes: MailMessage[][] = [];
    const closed = vi.fn();
    const opened: string[] = [];
    host.onThreadOpened((t) => {
      opened.push(t.id);
      t.onMessagesChanged((m) => changes.push(m));
      return closed;
    });
    click(page, '[role="option"][data-convid="AAQkASam"]');
    await settle();
    const before = Date.now();
    page.win.__owa.receive('AAQkASam', {
      fromName: 'Sam Ortiz',
      from: 'sam@beta.test',
      to: [['Rep Example', 'rep@example.test']],
      text: 'Sounds good, Thursday works.',
    });
    await settle();
    expect(changes).toHaveLength(1);
    const reply = changes[0]?.at(-1);
    expect(reply?.from).toBe('sam@beta.test');
    // OWA shows minutes only; a message that just arrived is dated when it was seen, not rounded down.
    expect(Date.parse(reply?.date ?? '')).toBeGreaterThanOrEqual(before - 5);

    click(page, '[role="option"][data-convid="AAQkADana"]');
    await settle();
    expect(closed).toHaveBeenCalledOnce();
    expect(opened).toEqual(['AAQkASam', 'AAQkADana']);
  });

  it('docks the side panel beside the reading pane, or floats it when there is none', async () => {
    const host = openHost();
    let thread: MailThread | undefined;
    host.onThreadOpened((t) => {
      thread = t;
      return undefined;
    });
    click(page, '[role="option"][data-convid="AAQkADana"]');
    await settle();
    if (!thread) throw new Error('no thread');
    const docked = page.doc.createElement('div');
    const undock = host.mountSidePanel(thread, docked);
    expect(docked.dataset.strideDock).toBe('docked');
    expect(docked.previousElementSibling?.getAttribute('aria-label')).toBe('Reading Pane');
    undock();
    expect(docked.isConnected).toBe(false);

    // Without any of the reading pane's structure (id, data-app-section) or label, the panel floats.
    const pane = page.doc.querySelector('[aria-label="Reading Pane"]');
    pane?.removeAttribute('aria-label');
    pane?.removeAttribute('id');
    const floating = page.doc.createElement('div');
    host.mountSidePanel(thread, floating);
    expect(floating.dataset.strideDock).toBe('floating');
    expect(floating.style.position).toBe('fixed');
  });

  describe('compose', () => {
    const openCompose = async () => {
      const host = openHost();
      let compose: MailCompose | undefined;
      const closed = vi.fn();
      host.onComposeOpened((c) => {
        compose = c;
        return closed;
      });
      click(page, '[aria-label="New mail"]');
      await settle();
      if (!compose) throw new Error('compose not detected');
      return { compose, closed };
    };

    it('detects the compose form and follows recipient chips', async () => {
      const { compose } = await openCompose();
      const seen: string[][] = [];
      compose.onRecipientsChanged((r) => seen.push(r));
      addRecipient(page, 'To', 'Dana@Acme.test');
      await settle();
      addRecipient(page, 'Cc', 'cfo@acme.test');
      await settle();
      expect(seen).toEqual([['dana@acme.test'], ['dana@acme.test', 'cfo@acme.test']]);
      page.doc.querySelector<HTMLElement>('[aria-label="Remove Dana@Acme.test"]')?.click();
      await settle();
      expect(seen.at(-1)).toEqual(['cfo@acme.test']);
    });

    it('mounts the bar above the send toolbar', async () => {
      const { compose } = await openCompose();
      const el = page.doc.createElement('div');
      compose.mountBar(el);
      expect(el.dataset.strideDock).toBe('docked');
      expect(el.nextElementSibling?.getAttribute('role')).toBe('toolbar');
    });

    it('holds the send on the Send button and Ctrl+Enter, then sends once on request', async () => {
      const { compose, closed } = await openCompose();
      addRecipient(page, 'To', 'blocked@spam.test');
      page.doc.querySelector<HTMLInputElement>('[aria-label="Add a subject"]')!.value = 'Hello';
      await settle();
      const hook = vi.fn((): boolean | 'hold' => 'hold');
      compose.onPresend(hook);

      click(page, 'button[aria-label="Send"]');
      expect(hook).toHaveBeenCalledTimes(1);
      expect(page.win.__owa.sent).toEqual([]);

      const body = page.doc.querySelector('[aria-label="Message body"][contenteditable="true"]')!;
      const chord = new page.win.KeyboardEvent('keydown', {
        key: 'Enter',
        ctrlKey: true,
        bubbles: true,
        cancelable: true,
      });
      body.dispatchEvent(chord);
      expect(hook).toHaveBeenCalledTimes(2);
      expect(chord.defaultPrevented).toBe(true);

      compose.send();
      expect(hook).toHaveBeenCalledTimes(2);
      expect(page.win.__owa.sent).toEqual([{ to: ['blocked@spam.test'], subject: 'Hello', body: '' }]);
      await settle();
      expect(closed).toHaveBeenCalledOnce();
    });

    it('lets the send through when the hook allows it', async () => {
      const { compose } = await openCompose();
      addRecipient(page, 'To', 'dana@acme.test');
      compose.onPresend(() => true);
      click(page, 'button[aria-label="Send"]');
      expect(page.win.__owa.sent).toHaveLength(1);
    });
  });
});
