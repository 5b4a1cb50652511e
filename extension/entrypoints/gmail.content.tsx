import * as InboxSDK from '@inboxsdk/core';
import { browser } from 'wxt/browser';
import { defineContentScript } from 'wxt/utils/define-content-script';
import { createGmailHost } from '../hosts/gmail/gmail-host';
import { startWhenSdkLoads } from '../hosts/gmail/load-sdk';
import { createHeaderFetcher } from '../hosts/gmail/original-headers';
import type { GmailSdk } from '../hosts/gmail/sdk-types';
import { watchThreadRows } from '../hosts/gmail/thread-rows';
import { GMAIL_MATCHES } from '../hosts/host-matches';
import { markHost } from '../hosts/mark-host';
import { floatingStyle } from '../hosts/outlook/floating';
import { runIntegration } from '../integration/run-integration';
import { createRuntimeClient } from '../lib/stride-client';
import { PanelFrame, storagePlaceStore } from '../ui/contact-panel/panel-frame';
import { UnreadablePanel } from '../ui/contact-panel/unreadable-panel';
import { createShadowMount } from '../ui/mount-shadow';

// InboxSDK needs an app id registered with it (https://www.inboxsdk.com/register), set at build time.
const appId: string = import.meta.env.WXT_INBOXSDK_APP_ID ?? '';

export default defineContentScript({
  matches: GMAIL_MATCHES,
  runAt: 'document_end',
  async main(ctx) {
    const client = createRuntimeClient(browser.runtime);
    const mount = createShadowMount(ctx);
    const page = location.origin;
    const place = storagePlaceStore(browser.storage.local);
    const report = (reason: string) =>
      void client.request({ type: 'page.problem', host: 'gmail', reason, page });
    // The panel in its floating form with one line saying why Stride can't do more on this page.
    const showUnavailable = (reason: string) => {
      const anchor = document.createElement('div');
      anchor.dataset.strideAnchor = 'contact-panel';
      anchor.dataset.strideDock = 'floating';
      Object.assign(anchor.style, floatingStyle('top'));
      document.body.append(anchor);
      const unmount = mount(
        anchor,
        'stride-contact-panel',
        <PanelFrame anchor={anchor} store={place}>
          <UnreadablePanel reason={reason} />
        </PanelFrame>,
      );
      return () => {
        unmount();
        anchor.remove();
      };
    };
    if (!appId) {
      // No made-up id: a build without one says so on the page instead of running InboxSDK.
      const reason = "Stride can't run in Gmail: this build has no InboxSDK app id (WXT_INBOXSDK_APP_ID).";
      markHost(document, 'gmail', undefined);
      report(reason);
      showUnavailable(reason);
      return;
    }
    // Same-origin reads of "Show original" in the rep's own session, for the RFC 3834 headers.
    const headersOf = createHeaderFetcher({ fetch: window.fetch.bind(window), location });
    await startWhenSdkLoads<GmailSdk>({
      // Typed as GmailSdk here so a change in InboxSDK's API fails the build, not the page.
      load: () => InboxSDK.load(2, appId),
      unavailable: (reason) => {
        markHost(document, 'gmail', undefined);
        return showUnavailable(reason);
      },
      report,
      ready: (sdk) => {
        if (ctx.isInvalid) return;
        const host = createGmailHost(sdk, { headersOf });
        markHost(document, 'gmail', host.getUserAddress());
        const stopRows = watchThreadRows({ sdk, client, headersOf });
        const stop = runIntegration({ host, client, mount, place });
        ctx.onInvalidated(() => {
          stopRows();
          stop();
        });
      },
    });
  },
});
