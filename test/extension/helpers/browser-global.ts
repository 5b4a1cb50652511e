import { configure } from '@testing-library/react';
import { fakeBrowser } from 'wxt/testing/fake-browser';

/*
 * WXT's storage (the settings store's `storage.defineItem`) binds to the extension's `chrome` global
 * when it is imported; in jsdom that is WXT's own fakeBrowser, the one the tests already drive.
 */
Object.assign(globalThis, { chrome: fakeBrowser });

/*
 * Testing Library waits 1 s for a condition by default. On a loaded 2-core CI machine a panel can take
 * longer to render in jsdom; waiting longer only costs time when a test would fail anyway.
 */
configure({ asyncUtilTimeout: 5000 });
