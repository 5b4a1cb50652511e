import type { ExtensionSettings } from '../../shared/schemas/settings';
import { createStrideApi } from '../lib/api/api-core';
import { createSettingsStore, type SettingsStore } from '../lib/settings-store';
import type { BackgroundBrowser } from './browser-api';
import { createContacts } from './contacts';
import { META, StrideDb } from './db';
import { createDiagnostics } from './diagnostics';
import { createEnrollments } from './enrollments';
import { createObserver } from './observe';
import { createPortHub } from './ports';
import { createRouter } from './router';
import { createSync } from './sync';

export const SYNC_ALARM = 'stride:sync';

export interface BackgroundDeps {
  browser: BackgroundBrowser;
  fetch: typeof fetch;
  defaultServerUrl: string;
  db?: StrideDb;
  /** WXT's storage item for `stride:settings` unless given. */
  settings?: SettingsStore;
  now?: () => Date;
}

const ownerOf = (s: ExtensionSettings) => (s.token ? `${s.serverUrl}|${s.email ?? ''}` : '');

/** Builds the background's services and attaches them to the extension's events. */
export function createBackground(deps: BackgroundDeps) {
  const { browser } = deps;
  const now = deps.now ?? (() => new Date());
  const db = deps.db ?? new StrideDb();
  const settings = deps.settings ?? createSettingsStore(deps.defaultServerUrl);
  const api = createStrideApi({
    settings: () => settings.read(),
    fetch: deps.fetch,
    timeoutMs: 8_000,
    signInWhere: "on Stride's options page",
  });
  const sync = createSync(db, api);
  const contacts = createContacts(db, api, () => now().getTime());
  const enrollments = createEnrollments(db, api);
  const observer = createObserver(db, api, () => now().getTime());

  const runSync = async () => {
    try {
      const summary = await sync.syncNow();
      if (summary.applied > 0) {
        hub.broadcast({
          type: 'changed',
          all: false,
          emails: summary.emails,
          contactIds: summary.contactIds,
        });
      }
    } catch {
      // Signed out or offline: the next alarm or request tries again, and the UI says what is wrong.
    }
  };
  const hub = createPortHub(() => void runSync());

  /** Cached data of another account (or server) must never show; checked before any request. */
  const adoptOwner = async (s: ExtensionSettings) => {
    const owner = ownerOf(s);
    if ((await db.getMeta(META.owner)) === owner) return false;
    await db.clearAccountData();
    await db.setMeta(META.owner, owner);
    return true;
  };
  let ready = settings.read().then(adoptOwner);

  const router = createRouter({
    settings,
    api,
    contacts,
    enrollments,
    observer,
    sync,
    diagnostics: createDiagnostics(db, now),
    notify: (notice) => hub.broadcast(notice),
    openOptions: async (hash) => {
      const page = browser.runtime.getURL?.('/options.html');
      if (!hash || !page || !browser.tabs) return browser.runtime.openOptionsPage();
      await browser.tabs.create({ url: `${page}${hash}` });
    },
    now,
  });

  settings.watch((next) => {
    ready = ready.then(async () => {
      const replaced = await adoptOwner(next);
      hub.broadcast({
        type: 'session',
        signedIn: !!next.token,
        ...(next.email ? { email: next.email } : {}),
      });
      if (replaced) hub.broadcast({ type: 'changed', all: true, emails: [], contactIds: [] });
      return replaced;
    });
    void ready.then(runSync);
  });

  browser.runtime.onMessage.addListener((message, _sender, sendResponse) => {
    if (!router.isStride(message)) return undefined;
    const response = ready.then(() => router.handle(message));
    // Chrome answers through sendResponse (and `return true`); promise-style runtimes take the promise.
    if (typeof sendResponse === 'function') {
      void response.then(sendResponse);
      return true;
    }
    return response;
  });
  browser.runtime.onConnect.addListener((port) => hub.attach(port));
  browser.alarms.create(SYNC_ALARM, { periodInMinutes: 1 });
  browser.alarms.onAlarm.addListener((alarm) => {
    if (alarm.name === SYNC_ALARM) void runSync();
  });
  void ready.then(runSync);

  return { db, router, hub, settings, runSync, whenReady: () => ready };
}
