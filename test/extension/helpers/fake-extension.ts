import { IDBKeyRange, indexedDB } from 'fake-indexeddb';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { BackgroundBrowser, PortLike } from '../../../extension/background/browser-api';
import { createBackground } from '../../../extension/background/create-background';
import { StrideDb } from '../../../extension/background/db';
import { createRuntimeClient, type StrideClient } from '../../../extension/lib/stride-client';
import type { ExtensionNotice } from '../../../shared/schemas/extension-messages';
import { SETTINGS_KEY } from '../../../shared/schemas/settings';
import { fakeApi } from './fake-api';

type Listener<T> = (value: T) => void;
function event<T>() {
  const listeners = new Set<Listener<T>>();
  return {
    addListener: (l: Listener<T>) => void listeners.add(l),
    removeListener: (l: Listener<T>) => void listeners.delete(l),
    fire: (v: T) => {
      for (const l of [...listeners]) l(v);
    },
  };
}

/**
 * fakeBrowser has no runtime ports; this pairs a content-side and a background-side port the way
 * Chrome's runtime.connect does.
 */
function installPorts() {
  const onConnect = event<PortLike>();
  (fakeBrowser.runtime as unknown as { onConnect: typeof onConnect }).onConnect = onConnect;
  const connect = ({ name }: { name: string }) => {
    const toContent = event<unknown>();
    const contentGone = event<void>();
    const backgroundGone = event<PortLike>();
    const backgroundPort: PortLike = {
      name,
      postMessage: (m) => toContent.fire(structuredClone(m)),
      onDisconnect: backgroundGone,
    };
    onConnect.fire(backgroundPort);
    return {
      postMessage: () => {},
      disconnect: () => backgroundGone.fire(backgroundPort),
      onMessage: toContent,
      onDisconnect: { addListener: (l: () => void) => contentGone.addListener(l) },
      /** The worker went away: Chrome disconnects the port on the content side. */
      drop: () => {
        backgroundGone.fire(backgroundPort);
        contentGone.fire();
      },
    };
  };
  return connect;
}

let dbCount = 0;

export const SERVER = 'http://stride.test';

/** The real background on fakeBrowser and fake-indexeddb, with the server faked by an injected fetch. */
export async function startFakeExtension(options: { signedIn?: boolean } = {}) {
  fakeBrowser.reset();
  const connect = installPorts();
  (fakeBrowser.runtime as unknown as { openOptionsPage: () => Promise<void> }).openOptionsPage =
    async () => {};
  const api = fakeApi();
  if (options.signedIn !== false) {
    await fakeBrowser.storage.local.set({
      [SETTINGS_KEY]: { serverUrl: SERVER, token: api.state.token, email: 'rep@example.test' },
    });
  }
  const db = new StrideDb(`stride-test-${++dbCount}`, { indexedDB, IDBKeyRange });
  const background = createBackground({
    browser: fakeBrowser as unknown as BackgroundBrowser,
    fetch: api.fetch,
    defaultServerUrl: 'http://127.0.0.1:8787',
    db,
  });
  await background.whenReady();
  const ports: Array<ReturnType<typeof connect>> = [];
  const client: StrideClient = createRuntimeClient({
    sendMessage: (m) => fakeBrowser.runtime.sendMessage(m),
    connect: (info) => {
      const p = connect(info);
      ports.push(p);
      return p;
    },
  });
  const notices: ExtensionNotice[] = [];
  client.onNotice((n) => notices.push(n));
  return { api, db, background, client, notices, ports, browser: fakeBrowser };
}

export const tick = (ms = 0) => new Promise((r) => setTimeout(r, ms));
