import * as InboxSDK from '@inboxsdk/core';
import { defineContentScript } from 'wxt/utils/define-content-script';
import { markHost } from '../hosts/mark-host';

// InboxSDK wants a registered app id; the build may override it, the default works for local use.
const appId = import.meta.env.WXT_INBOXSDK_APP_ID ?? 'sdk_stride_local_0';

export default defineContentScript({
  matches: ['https://mail.google.com/*'],
  runAt: 'document_end',
  async main() {
    const sdk = await InboxSDK.load(2, appId);
    markHost(document, 'gmail', sdk.User.getEmailAddress());
  },
});
