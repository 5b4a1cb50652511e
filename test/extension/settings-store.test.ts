import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { createSettingsStore } from '../../extension/lib/settings-store';
import type { ExtensionSettings } from '../../shared/schemas/settings';

beforeEach(() => fakeBrowser.reset());

describe('settings store (WXT storage item)', () => {
  it('reads what earlier versions saved under stride:settings, so a rep stays signed in after an update', async () => {
    const saved = { serverUrl: 'https://stride.example.com', token: 'tok_old', email: 'rep@example.com' };
    await fakeBrowser.storage.local.set({ 'stride:settings': saved });
    expect(await createSettingsStore('http://127.0.0.1:8787').read()).toEqual(saved);
  });

  it('writes to the same key, and reads a missing or damaged entry as signed out on the default server', async () => {
    const store = createSettingsStore('http://127.0.0.1:8787');
    expect(await store.read()).toEqual({ serverUrl: 'http://127.0.0.1:8787' });
    await fakeBrowser.storage.local.set({ 'stride:settings': { serverUrl: 'not a url', token: 5 } });
    expect(await store.read()).toEqual({ serverUrl: 'http://127.0.0.1:8787' });
    await store.write({ serverUrl: 'https://s.example.com', token: 't' });
    expect((await fakeBrowser.storage.local.get('stride:settings'))['stride:settings']).toEqual({
      serverUrl: 'https://s.example.com',
      token: 't',
    });
    await expect(store.write({ serverUrl: 'nope' })).rejects.toThrow();
  });

  it('tells watchers about a change made by another page, with the previous value', async () => {
    const store = createSettingsStore('http://127.0.0.1:8787');
    const seen: Array<[ExtensionSettings, ExtensionSettings]> = [];
    const stop = store.watch((next, previous) => seen.push([next, previous]));
    await createSettingsStore('http://127.0.0.1:8787').write({
      serverUrl: 'https://a.example.com',
      token: 'x',
    });
    await new Promise((r) => setTimeout(r, 0));
    expect(seen).toEqual([
      [{ serverUrl: 'https://a.example.com', token: 'x' }, { serverUrl: 'http://127.0.0.1:8787' }],
    ]);
    stop();
  });
});
