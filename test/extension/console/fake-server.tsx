import { render } from '@testing-library/react';
import type { ReactElement } from 'react';
import { vi } from 'vitest';
import { createSettingsStore, type SettingsStore } from '../../../extension/lib/settings-store';
import { createConsoleApi } from '../../../extension/ui/console/api-client';
import { ConsoleProvider, type ConsoleServices } from '../../../extension/ui/console/console-context';
import { ContactDirectory } from '../../../extension/ui/console/contact-directory';
import type { ExtensionSettings } from '../../../shared/schemas/settings';

export const SERVER = 'http://stride.test';
export const NOW = new Date('2025-03-03T10:00:00.000Z');

export interface Call {
  method: string;
  path: string;
  query: URLSearchParams;
  /** Parsed JSON, or the raw text of a CSV upload. */
  body: unknown;
  contentType: string | null;
  auth: string | null;
}

const REPLY = Symbol('reply');
interface Reply {
  [REPLY]: true;
  status: number;
  body: unknown;
}
/** An answer with a status other than 200; any other value a handler returns is a 200 JSON body. */
export const reply = (status: number, body?: unknown): Reply => ({ [REPLY]: true, status, body });
const isReply = (v: unknown): v is Reply => typeof v === 'object' && v !== null && REPLY in v;

type Handler = (call: Call, match: RegExpExecArray) => unknown;

/**
 * The Stride server as an injected fetch: tests declare the routes a screen needs, every call is
 * recorded, and an undeclared route answers 404 in the API's error envelope (so a test notices).
 */
export function fakeServer() {
  const calls: Call[] = [];
  const routes: Array<{ method: string; pattern: RegExp; handler: Handler }> = [];
  const fetch = vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = new URL(String(input));
    const headers = new Headers(init?.headers);
    const raw = typeof init?.body === 'string' ? init.body : undefined;
    const contentType = headers.get('Content-Type');
    const call: Call = {
      method: init?.method ?? 'GET',
      path: url.pathname,
      query: url.searchParams,
      body: raw !== undefined && contentType?.startsWith('application/json') ? JSON.parse(raw) : raw,
      contentType,
      auth: headers.get('Authorization'),
    };
    calls.push(call);
    for (const r of routes) {
      const m = r.method === call.method ? r.pattern.exec(call.path) : null;
      if (!m) continue;
      const answer = await r.handler(call, m);
      const status = isReply(answer) ? answer.status : 200;
      const body = isReply(answer) ? answer.body : answer;
      return new Response(body === undefined ? null : JSON.stringify(body), {
        status,
        headers: { 'Content-Type': 'application/json' },
      });
    }
    return new Response(
      JSON.stringify({ error: { code: 'not_found', message: `no route for ${call.method} ${call.path}` } }),
      {
        status: 404,
      },
    );
  });
  return {
    fetch: fetch as unknown as typeof globalThis.fetch,
    calls,
    on(method: string, pattern: RegExp, handler: Handler) {
      // Later declarations win, so a test can override a default route.
      routes.unshift({ method, pattern, handler });
      return this;
    },
    callsTo(method: string, path: string | RegExp) {
      return calls.filter(
        (c) => c.method === method && (typeof path === 'string' ? c.path === path : path.test(c.path)),
      );
    },
  };
}

export type FakeServer = ReturnType<typeof fakeServer>;

/** The settings store over an in-memory item instead of chrome.storage, one per test. */
export function memorySettings(initial?: ExtensionSettings): SettingsStore {
  let value: unknown = initial;
  return createSettingsStore(SERVER, {
    getValue: async () => value,
    setValue: async (next) => {
      value = next;
    },
    watch: () => () => {},
  });
}

export function servicesFor(server: FakeServer, signedIn = true): ConsoleServices {
  const settings = memorySettings(signedIn ? { serverUrl: SERVER, token: 'tok_console' } : undefined);
  const api = createConsoleApi({ settings, fetch: server.fetch });
  return { api, contacts: new ContactDirectory(api), now: () => NOW };
}

export function renderWithServer(ui: ReactElement, server: FakeServer) {
  return render(<ConsoleProvider services={servicesFor(server)}>{ui}</ConsoleProvider>);
}
