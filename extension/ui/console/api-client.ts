import type { z } from 'zod';
import { readSettings, type StorageAreaLike } from '../../lib/settings-store';
import { ApiProblem, problemFromResponse } from './api-problem';

export type Query = Record<string, string | number | boolean | undefined>;

/**
 * The console's typed client. Extension pages hold host permission for the server, so they call it
 * directly (the background's client exists for content scripts, which must not see the token).
 * Every answer is parsed with the shared zod schemas before the UI touches it.
 */
export interface ConsoleApi {
  get<T>(path: string, schema: z.ZodType<T>, query?: Query): Promise<T>;
  send<T>(method: 'POST' | 'PATCH' | 'DELETE', path: string, body: unknown, schema: z.ZodType<T>): Promise<T>;
  /** POSTs a CSV file body (`text/csv`), e.g. one chunk of a contact import. */
  postCsv<T>(path: string, csv: string, schema: z.ZodType<T>): Promise<T>;
}

export interface ConsoleApiDeps {
  storage: StorageAreaLike;
  fetch: typeof fetch;
  defaultServerUrl: string;
  /** Imports of a thousand rows take a few seconds on a busy server; plain calls are quick. */
  timeoutMs?: number;
}

export function withQuery(path: string, query: Query | undefined): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query ?? {})) if (v !== undefined && v !== '') params.set(k, String(v));
  const qs = params.toString();
  return qs ? `${path}?${qs}` : path;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

export function createConsoleApi(deps: ConsoleApiDeps): ConsoleApi {
  const timeoutMs = deps.timeoutMs ?? 30_000;

  async function call<T>(
    method: string,
    path: string,
    body: { type: string; text: string } | undefined,
    schema: z.ZodType<T>,
  ): Promise<T> {
    // Read on every call: signing in or out on the Account tab takes effect without a reload.
    const { serverUrl, token } = await readSettings(deps.storage, deps.defaultServerUrl);
    if (!token) throw new ApiProblem('signed_out', 'You are signed out. Sign in on the Account tab.');
    let response: Response;
    try {
      response = await deps.fetch(new URL(path, serverUrl).toString(), {
        method,
        headers: {
          Authorization: `Bearer ${token}`,
          ...(body ? { 'Content-Type': body.type } : {}),
        },
        ...(body ? { body: body.text } : {}),
        signal: AbortSignal.timeout(timeoutMs),
      });
    } catch {
      throw new ApiProblem(
        'unreachable',
        `Can't reach the Stride server at ${serverUrl}. Check your connection, or the server address on the Account tab.`,
      );
    }
    const text = await response.text().catch(() => '');
    const json = text ? parseJson(text) : undefined;
    if (!response.ok) throw problemFromResponse(response.status, json);
    const parsed = schema.safeParse(json);
    if (!parsed.success) {
      console.warn('stride console: unexpected response', method, path, parsed.error.issues.slice(0, 5));
      throw new ApiProblem(
        'bad_response',
        'The server answered in a way this version of Stride does not understand. Update the extension or the server.',
        response.status,
      );
    }
    return parsed.data;
  }

  const json = (value: unknown) =>
    value === undefined ? undefined : { type: 'application/json', text: JSON.stringify(value) };

  return {
    get: (path, schema, query) => call('GET', withQuery(path, query), undefined, schema),
    send: (method, path, body, schema) => call(method, path, json(body), schema),
    postCsv: (path, csv, schema) =>
      call('POST', path, { type: 'text/csv; charset=utf-8', text: csv }, schema),
  };
}
