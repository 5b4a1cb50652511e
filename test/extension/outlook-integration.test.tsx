import { act, waitFor } from '@testing-library/react';
import { createRoot } from 'react-dom/client';
import { afterEach, describe, expect, it } from 'vitest';
import { createOutlookHost } from '../../extension/hosts/outlook/outlook-host';
import { runIntegration } from '../../extension/integration/run-integration';
import type { MountUi } from '../../extension/ui/mount-shadow';
import { startFakeExtension } from './helpers/fake-extension';
import { addRecipient, click, loadOwa, type OwaPage, settle } from './helpers/outlook-page';

/** In the browser this is createShadowRootUi; here a plain React root in the anchor will do. */
const plainMount: MountUi = (anchor, _name, node) => {
  const root = createRoot(anchor);
  act(() => root.render(node));
  return () => act(() => root.unmount());
};

let page: OwaPage;
let stop: (() => void) | undefined;
afterEach(() => {
  stop?.();
  page?.dom.window.close();
});

async function start() {
  const ext = await startFakeExtension();
  page = loadOwa();
  const host = createOutlookHost(page.doc, 'rep@example.test');
  // jsdom computes styles of this whole page slowly enough to stall the run; theme reading has its
  // own tests (panel-frame.test.tsx) and runs on the real pages in the e2e suite.
  stop = runIntegration({ host, client: ext.client, mount: plainMount, doc: page.doc, theme: () => 'light' });
  return ext;
}

describe('Stride on the Outlook-shaped page', () => {
  it('opens the panel for the other party and reports the thread once', async () => {
    const ext = await start();
    act(() => click(page, '[role="option"][data-convid="AAQkADana"]'));
    const panel = await waitFor(() => {
      const el = page.doc.querySelector<HTMLElement>('[data-stride="contact-panel"]');
      if (el?.dataset.strideState !== 'ready') throw new Error('panel not ready');
      return el;
    });
    expect(panel.dataset.strideEmail).toBe('dana@acme.test');
    expect(panel.closest('[data-stride-dock]')?.getAttribute('data-stride-dock')).toBe('docked');
    await waitFor(() => expect(ext.api.callsTo('POST', '/api/threads/observe')).toHaveLength(1));
    expect(ext.api.callsTo('POST', '/api/threads/observe')[0]?.body).toMatchObject({
      host: 'outlook',
      threadId: 'AAQkADana',
      subject: 'Pricing for Q3',
      messages: [
        { from: 'rep@example.test' },
        { from: 'dana@acme.test', text: 'Thanks, I will take a look next week.' },
      ],
    });

    // A new message is reported alone; re-opening the thread reports nothing again.
    act(() =>
      page.win.__owa.receive('AAQkADana', {
        fromName: 'Dana Lee',
        from: 'dana@acme.test',
        to: [['Rep', 'rep@example.test']],
        text: 'Booked!',
      }),
    );
    await waitFor(() => expect(ext.api.callsTo('POST', '/api/threads/observe')).toHaveLength(2));
    expect(
      (ext.api.callsTo('POST', '/api/threads/observe')[1]?.body as { messages: unknown[] } | undefined)
        ?.messages,
    ).toHaveLength(1);
    act(() => click(page, '[role="option"][data-convid="AAQkASam"]'));
    await settle();
    act(() => click(page, '[role="option"][data-convid="AAQkADana"]'));
    await waitFor(() => expect(page.doc.querySelectorAll('[data-stride="contact-panel"]')).toHaveLength(1));
    // Sam's thread is new (one call); Dana's, opened again, has nothing unreported.
    await waitFor(() => expect(ext.api.callsTo('POST', '/api/threads/observe')).toHaveLength(3));
    await new Promise((r) => setTimeout(r, 50));
    const threads = ext.api
      .callsTo('POST', '/api/threads/observe')
      .map((c) => (c.body as { threadId: string }).threadId);
    expect(threads).toEqual(['AAQkADana', 'AAQkADana', 'AAQkASam']);
  });

  it('puts the compose bar in a new message and holds a send to a blocked recipient', async () => {
    await start();
    act(() => click(page, '[aria-label="New mail"]'));
    await settle();
    expect(page.doc.querySelector('[data-stride="compose-bar"]')).toBeTruthy();
    act(() => addRecipient(page, 'To', 'blocked@spam.test'));
    await waitFor(() => expect(page.doc.querySelector('[data-stride-reason="person_blocked"]')).toBeTruthy());

    act(() => click(page, 'button[aria-label="Send"]'));
    expect(page.win.__owa.sent).toEqual([]);
    const confirm = page.doc.querySelector('[data-stride-confirm]');
    expect(confirm).toBeTruthy();
    const anyway = [...(confirm?.querySelectorAll('button') ?? [])].find(
      (b) => b.textContent === 'Send anyway',
    );
    act(() => anyway?.click());
    expect(page.win.__owa.sent).toHaveLength(1);
    await settle();
    expect(page.doc.querySelector('[data-stride="compose-bar"]')).toBeNull();
  });
});
