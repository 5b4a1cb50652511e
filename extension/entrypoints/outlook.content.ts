import { browser } from 'wxt/browser';
import { defineContentScript } from 'wxt/utils/define-content-script';
import { markHost } from '../hosts/mark-host';
import { createOutlookHost } from '../hosts/outlook/outlook-host';
import { waitForOutlookUser } from '../hosts/outlook/outlook-user';
import { runIntegration } from '../integration/run-integration';
import { createRuntimeClient } from '../lib/stride-client';
import { createShadowMount } from '../ui/mount-shadow';

export default defineContentScript({
  matches: ['https://outlook.office.com/*', 'https://outlook.office365.com/*', 'https://outlook.live.com/*'],
  runAt: 'document_idle',
  async main(ctx) {
    const user = await waitForOutlookUser(document);
    if (!user || ctx.isInvalid) return;
    markHost(document, 'outlook', user);
    const host = createOutlookHost(document, user);
    const stop = runIntegration({
      host,
      client: createRuntimeClient(browser.runtime),
      mount: createShadowMount(ctx),
    });
    ctx.onInvalidated(stop);
  },
});
