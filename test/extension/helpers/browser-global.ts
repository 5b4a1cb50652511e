import { fakeBrowser } from 'wxt/testing/fake-browser';

/*
 * WXT's storage (the settings store's `storage.defineItem`) binds to the extension's `chrome` global
 * when it is imported; in jsdom that is WXT's own fakeBrowser, the one the tests already drive.
 */
Object.assign(globalThis, { chrome: fakeBrowser });
