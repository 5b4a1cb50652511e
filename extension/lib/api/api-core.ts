import { hc } from 'hono/client';
import type { z } from 'zod';
import type { AppType } from '../../../server/app';
import { ApiProblem, problemFromResponse } from './api-problem';

/**
 * The server's routes as a typed client (Hono's `hc` over the server's exported `AppType`): paths,
 * path parameters, queries and JSON bodies are checked against the route definitions at compile time,
 * so a renamed route or field fails `tsc` here instead of answering 404 in a rep's browser.
 */
export type ServerClient = ReturnType<typeof hc<AppType>>;

/** Query values as screens hold them; `undefined` and `''` are left out of the URL. */
export type Query = Record<string, string | number | boolean | undefined>;

/** What a route call hands back: `hc`'s typed response, of which only these members are read. */
interface AnswerLike {
  status: number;
  ok: boolean;
  text(): Promise<string>;
}

export interface CallOptions {
  /** Aborts and reports the server as unreachable after this long. */
  timeoutMs?: number;
}

/**
 * The one client core the background and the console share: token, timeout, error mapping into
 * sentences (with the failing fields) and parsing with the shared zod schemas before anyone reads
 * the answer. Content scripts never import it: they hold no token and no zod (200 KiB budget).
 */
export interface StrideApi {
  call<T>(
    route: (server: ServerClient) => Promise<AnswerLike>,
    schema: z.ZodType<T>,
    options?: CallOptions,
  ): Promise<T>;
}

export interface StrideApiDeps {
  /** Read on every call: signing in or out takes effect without a reload. */
  settings(): Promise<{ serverUrl: string; token?: string | undefined }>;
  fetch: typeof fetch;
  timeoutMs: number;
  /** Where a signed-out reader signs in, finishing "Sign in again …": "on the Account tab". */
  signInWhere: string;
}

function searchParams(query: Record<string, unknown>): URLSearchParams {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) if (v !== undefined && v !== '') params.set(k, String(v));
  return params;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

export function createStrideApi(deps: StrideApiDeps): StrideApi {
  return {
    async call(route, schema, options = {}) {
      const { serverUrl, token } = await deps.settings();
      if (!token) throw new ApiProblem('signed_out', `You are signed out. Sign in ${deps.signInWhere}.`);
      const timeoutMs = options.timeoutMs ?? deps.timeoutMs;
      const server = hc<AppType>(serverUrl, {
        headers: { Authorization: `Bearer ${token}` },
        buildSearchParams: searchParams,
        fetch: async (input: RequestInfo | URL, init?: RequestInit) => {
          try {
            return await deps.fetch(input, { ...init, signal: AbortSignal.timeout(timeoutMs) });
          } catch {
            throw new ApiProblem(
              'unreachable',
              `Can't reach the Stride server at ${serverUrl}. Check your connection, or the server address ${deps.signInWhere}.`,
            );
          }
        },
      });
      const response = await route(server);
      const text = await response.text().catch(() => '');
      const json = text ? parseJson(text) : undefined;
      if (!response.ok) throw problemFromResponse(response.status, json, deps.signInWhere);
      const parsed = schema.safeParse(json);
      if (!parsed.success) {
        console.warn('stride: unexpected response', response.status, parsed.error.issues.slice(0, 5));
        throw new ApiProblem(
          'bad_response',
          'The server answered in a way this version of Stride does not understand. Update the extension or the server.',
          response.status,
          'bad_response',
        );
      }
      return parsed.data;
    },
  };
}

/** A CSV upload (`text/csv`) through a typed route: `hc` sends JSON bodies only by itself. */
export const csvBody = (csv: string) => ({
  headers: { 'Content-Type': 'text/csv; charset=utf-8' },
  init: { body: csv },
});

/** Path parameters, encoded: `hc` puts them into the URL as given. */
export function encodeParams<T extends Record<string, string>>(params: T): T {
  return Object.fromEntries(Object.entries(params).map(([k, v]) => [k, encodeURIComponent(v)])) as T;
}
