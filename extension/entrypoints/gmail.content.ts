import * as InboxSDK from '@inboxsdk/core';
import { browser } from 'wxt/browser';
import { defineContentScript } from 'wxt/utils/define-content-script';
import { createGmailHost } from '../hosts/gmail/gmail-host';
import type { GmailSdk } from '../hosts/gmail/sdk-types';
import { GMAIL_MATCHES } from '../hosts/host-matches';
import { markHost } from '../hosts/mark-host';
import { runIntegration } from '../integration/run-integration';
import { createRuntimeClient } from '../lib/stride-client';
import { createShadowMount } from '../ui/mount-shadow';

// InboxSDK wants a registered app id; the build may override it, the default works for local use.
const appId = import.meta.env.WXT_INBOXSDK_APP_ID ?? 'sdk_stride_local_0';

export default defineContentScript({
  matches: GMAIL_MATCHES,
  runAt: 'document_end',
  async main(ctx) {
    // Typed as GmailSdk here so a change in InboxSDK's API fails the build, not the page.
    const sdk: GmailSdk = await InboxSDK.load(2, appId);
    const host = createGmailHost(sdk);
    markHost(document, 'gmail', host.getUserAddress());
    runIntegration({ host, client: createRuntimeClient(browser.runtime), mount: createShadowMount(ctx) });
  },
});
