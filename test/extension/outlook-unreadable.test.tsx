import { act, waitFor } from '@testing-library/react';
import { createRoot } from 'react-dom/client';
import { afterEach, describe, expect, it } from 'vitest';
import { createDiagnostics } from '../../extension/background/diagnostics';
import { createOutlookHost } from '../../extension/hosts/outlook/outlook-host';
import { runIntegration } from '../../extension/integration/run-integration';
import type { MountUi } from '../../extension/ui/mount-shadow';
import { startFakeExtension } from './helpers/fake-extension';
import { hostFixture, loadCapturedOwa } from './helpers/host-fixtures';

const plainMount: MountUi = (anchor, _name, node) => {
  const root = createRoot(anchor);
  act(() => root.render(node));
  return () => act(() => root.unmount());
};

let cleanup: (() => void) | undefined;
afterEach(() => cleanup?.());

async function start(html: string) {
  const ext = await startFakeExtension();
  const page = loadCapturedOwa(html);
  const host = createOutlookHost(page.doc, 'toberndo@outlook.com');
  const stop = runIntegration({ host, client: ext.client, mount: plainMount, doc: page.doc });
  cleanup = () => {
    stop();
    page.dom.window.close();
  };
  return { ext, doc: page.doc };
}

const panelOf = (doc: Document) =>
  waitFor(() => {
    const el = doc.querySelector<HTMLElement>('[data-stride="contact-panel"]');
    if (!el) throw new Error('no panel');
    return el;
  });

describe('Stride never shows nothing on a captured Outlook page', () => {
  it('a sender shown by name only, with no address anywhere: the panel says so, reported once', async () => {
    const html = hostFixture('owa-2025-reading-pane-en.html')
      .replace('aria-label="From: sender@example.com"', 'aria-label="From: Dana Lee"')
      .replace('<span class="OZZZK">sender@example.com</span>', '<span class="OZZZK">Dana Lee</span>');
    const { ext, doc } = await start(html);
    const panel = await panelOf(doc);
    expect(panel.dataset.strideState).toBe('unreadable');
    expect(panel.querySelector('[data-stride-unreadable]')?.textContent).toBe(
      "Stride can't find the address of Dana Lee on this page.",
    );
    expect(panel.textContent).toContain('People here: Dana Lee');
    const diagnostics = createDiagnostics(ext.db, () => new Date());
    await waitFor(async () => expect(await diagnostics.list()).toHaveLength(1));
    expect((await diagnostics.list())[0]).toMatchObject({
      host: 'outlook',
      reason: "Stride can't find the address of Dana Lee on this page.",
      page: expect.stringMatching(/^https:\/\/outlook\.office\.com\/mail\/inbox\/id\//),
    });
  });

  it('a message whose sender Stride cannot find: a floating panel with the missing part named', async () => {
    const html = hostFixture('owa-2025-reading-pane-de.html')
      .replace('aria-label="Von: sender@example.com"', '')
      .replace('<span class="OZZZK">sender@example.com</span>', '')
      .replace('data-app-section="MailReadCompose" aria-label="Lesebereich"', '');
    const { doc } = await start(html);
    const panel = await panelOf(doc);
    expect(panel.dataset.strideState).toBe('unreadable');
    expect(panel.textContent).toContain("Stride can't find the reading pane.");
    expect(panel.closest('[data-stride-dock]')?.getAttribute('data-stride-dock')).toBe('floating');
  });

  it('the captured German page: the panel for the sender, docked', async () => {
    const { ext, doc } = await start(hostFixture('owa-2025-reading-pane-de.html'));
    const panel = await panelOf(doc);
    expect(panel.dataset.strideEmail).toBe('sender@example.com');
    expect(panel.closest('[data-stride-dock]')?.getAttribute('data-stride-dock')).toBe('docked');
    await waitFor(() => expect(ext.api.callsTo('POST', '/api/threads/observe')).toHaveLength(1));
    expect(ext.api.callsTo('POST', '/api/threads/observe')[0]?.body).toMatchObject({
      host: 'outlook',
      messages: [{ from: 'sender@example.com', to: ['recipient@example.com'] }],
    });
  });
});
