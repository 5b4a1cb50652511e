import '@inboxsdk/core/background.js';
import { defineBackground } from 'wxt/utils/define-background';

export default defineBackground(() => {
  // Wiring only: the message router, cache and API client are created here and live in extension/lib.
});
