import * as InboxSDK from '@inboxsdk/core';
import { browser } from 'wxt/browser';
import { defineContentScript } from 'wxt/utils/define-content-script';
import { createGmailHost } from '../hosts/gmail/gmail-host';
import type { GmailSdk } from '../hosts/gmail/sdk-types';
import { GMAIL_MATCHES } from '../hosts/host-matches';
import { markHost } from '../hosts/mark-host';
import { floatingStyle } from '../hosts/outlook/floating';
import { runIntegration } from '../integration/run-integration';
import { createRuntimeClient } from '../lib/stride-client';
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
    if (!appId) {
      // No made-up id: a build without one says so on the page instead of running InboxSDK.
      const reason = "Stride can't run in Gmail: this build has no InboxSDK app id (WXT_INBOXSDK_APP_ID).";
      markHost(document, 'gmail', undefined);
      void client.request({ type: 'page.problem', host: 'gmail', reason, page: location.origin });
      const anchor = document.createElement('div');
      anchor.dataset.strideAnchor = 'contact-panel';
      anchor.dataset.strideDock = 'floating';
      Object.assign(anchor.style, floatingStyle('top'));
      document.body.append(anchor);
      mount(anchor, 'stride-contact-panel', <UnreadablePanel reason={reason} />);
      return;
    }
    // Typed as GmailSdk here so a change in InboxSDK's API fails the build, not the page.
    const sdk: GmailSdk = await InboxSDK.load(2, appId);
    const host = createGmailHost(sdk);
    markHost(document, 'gmail', host.getUserAddress());
    runIntegration({ host, client, mount });
  },
});
