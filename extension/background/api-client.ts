import type { z } from 'zod';
import { apiErrorSchema } from '../../shared/schemas/error';
import type { ExtensionError } from '../../shared/schemas/extension-messages';
import type { SettingsSource } from './settings-source';

export class BackgroundError extends Error {
  constructor(
    readonly kind: ExtensionError['kind'],
    message: string,
    readonly code?: string,
    readonly status?: number,
  ) {
    super(message);
  }

  toWire(): ExtensionError {
    return {
      kind: this.kind,
      message: this.message,
      ...(this.code ? { code: this.code } : {}),
      ...(this.status ? { status: this.status } : {}),
    };
  }
}

export interface RequestOptions {
  /** Aborts and reports the server as unreachable after this long. */
  timeoutMs?: number;
}

export interface ApiClient {
  get<T>(path: string, schema: z.ZodType<T>, options?: RequestOptions): Promise<T>;
  send<T>(
    method: 'POST' | 'DELETE' | 'PATCH',
    path: string,
    body: unknown,
    schema: z.ZodType<T>,
    options?: RequestOptions,
  ): Promise<T>;
}

const DEFAULT_TIMEOUT_MS = 8_000;

/** The only place that sees the token: content scripts and the page never do. */
export function createApiClient(settings: SettingsSource, fetchImpl: typeof fetch): ApiClient {
  async function call<T>(
    method: string,
    path: string,
    body: unknown,
    schema: z.ZodType<T>,
    options: RequestOptions = {},
  ): Promise<T> {
    const { serverUrl, token } = await settings.current();
    if (!token) throw new BackgroundError('signed_out', 'Sign in to Stride on its options page.');
    let response: Response;
    try {
      response = await fetchImpl(new URL(path, serverUrl).toString(), {
        method,
        headers: {
          Authorization: `Bearer ${token}`,
          ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        signal: AbortSignal.timeout(options.timeoutMs ?? DEFAULT_TIMEOUT_MS),
      });
    } catch {
      throw new BackgroundError('unreachable', `Can't reach the Stride server at ${serverUrl}.`);
    }
    const text = await response.text().catch(() => '');
    const json: unknown = text ? safeJson(text) : undefined;
    if (response.status === 401) {
      throw new BackgroundError(
        'signed_out',
        'Your Stride session has ended: sign in again.',
        'unauthorized',
        401,
      );
    }
    if (!response.ok) {
      const envelope = apiErrorSchema.safeParse(json);
      const message = envelope.success
        ? envelope.data.error.message
        : `The server answered ${response.status}.`;
      const code = envelope.success ? envelope.data.error.code : undefined;
      throw new BackgroundError('server', message, code, response.status);
    }
    const parsed = schema.safeParse(json);
    if (!parsed.success) {
      console.warn('stride: unexpected response', method, path, parsed.error.issues.slice(0, 5));
      throw new BackgroundError('server', 'The server answered in an unexpected shape.', 'bad_response');
    }
    return parsed.data;
  }

  return {
    get: (path, schema, options) => call('GET', path, undefined, schema, options),
    send: (method, path, body, schema, options) => call(method, path, body, schema, options),
  };
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** Query strings built from typed parts, so ids and addresses are always encoded. */
export function withQuery(path: string, query: Record<string, string | number | undefined>): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) if (v !== undefined) params.set(k, String(v));
  const qs = params.toString();
  return qs ? `${path}?${qs}` : path;
}
