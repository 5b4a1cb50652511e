import { type HttpFailure, mapFetchFailure } from './error-mapping';
import { ProviderError } from './provider';

export interface HttpDeps {
  fetch: typeof fetch;
  now: () => Date;
  /** Upper bound for one request, so a hung provider cannot hold a send lease forever. */
  timeoutMs?: number;
}

export interface HttpResult extends HttpFailure {
  ok: boolean;
}

const DEFAULT_TIMEOUT_MS = 30_000;

function parseJson(text: string): unknown {
  if (!text) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/**
 * One request with the caller's signal and a timeout. Network failures become transient
 * ProviderErrors; any HTTP status comes back as data for the provider's own mapper.
 */
export async function httpRequest(
  deps: HttpDeps,
  url: string,
  init: RequestInit,
  signal?: AbortSignal,
): Promise<HttpResult> {
  if (signal?.aborted) {
    // Nothing left this process yet, so this is the one abort that is certainly not a send.
    throw new ProviderError({ kind: 'transient', detail: 'aborted before the request was made' });
  }
  const timeout = AbortSignal.timeout(deps.timeoutMs ?? DEFAULT_TIMEOUT_MS);
  const combined = signal ? AbortSignal.any([signal, timeout]) : timeout;
  let response: Response;
  try {
    response = await deps.fetch(url, { ...init, signal: combined });
  } catch (error) {
    throw mapFetchFailure(error);
  }
  let text = '';
  try {
    text = await response.text();
  } catch (error) {
    // A lost error body leaves the status to go on; a lost success body still means success.
    if (!response.ok) text = String(error);
  }
  return {
    ok: response.ok,
    status: response.status,
    headers: response.headers,
    text,
    body: parseJson(text),
    nowMs: deps.now().getTime(),
  };
}

export function bearer(token: string): Record<string, string> {
  return { authorization: `Bearer ${token}` };
}

export function trimBase(url: string): string {
  return url.replace(/\/+$/, '');
}
