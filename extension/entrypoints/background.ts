import '@inboxsdk/core/background.js';
import { browser } from 'wxt/browser';
import { defineBackground } from 'wxt/utils/define-background';
import { createBackground } from '../background/create-background';

export default defineBackground(() => {
  createBackground({
    browser,
    fetch: globalThis.fetch.bind(globalThis),
    defaultServerUrl: __STRIDE_DEFAULT_SERVER_URL__,
  });
});
