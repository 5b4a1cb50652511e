import { browser } from 'wxt/browser';
import { defineContentScript } from 'wxt/utils/define-content-script';
import { OUTLOOK_MATCHES } from '../hosts/host-matches';
import { markHost } from '../hosts/mark-host';
import { createOutlookHost } from '../hosts/outlook/outlook-host';
import { waitForOutlookUser } from '../hosts/outlook/outlook-user';
import { OWA_PARTS } from '../hosts/outlook/selectors';
import { runIntegration } from '../integration/run-integration';
import { createRuntimeClient } from '../lib/stride-client';
import { storagePlaceStore } from '../ui/contact-panel/panel-frame';
import { createShadowMount } from '../ui/mount-shadow';

export default defineContentScript({
  matches: OUTLOOK_MATCHES,
  runAt: 'document_idle',
  async main(ctx) {
    // OWA boots in stages; past this wait Stride runs without knowing the rep rather than not at all.
    const user = await waitForOutlookUser(document, 15_000);
    if (ctx.isInvalid) return;
    const client = createRuntimeClient(browser.runtime);
    markHost(document, 'outlook', user);
    if (!user) {
      void client.request({
        type: 'page.problem',
        host: 'outlook',
        reason: `Stride can't find ${OWA_PARTS.userMailbox.what}.`,
        page: `${location.origin}${location.pathname}`.slice(0, 500),
      });
    }
    const host = createOutlookHost(document, user ?? '');
    const place = storagePlaceStore(browser.storage.local);
    const stop = runIntegration({ host, client, mount: createShadowMount(ctx), place });
    ctx.onInvalidated(stop);
  },
});
