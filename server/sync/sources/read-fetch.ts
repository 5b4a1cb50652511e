/** Socket errors that mean the server closed a pooled keep-alive connection before answering. */
const STALE = new Set(['ECONNRESET', 'UND_ERR_SOCKET', 'EPIPE']);

function code(error: unknown): string | undefined {
  for (let e: unknown = error, depth = 0; e && depth < 4; depth += 1) {
    const c = (e as { code?: unknown }).code;
    if (typeof c === 'string') return c;
    e = (e as { cause?: unknown }).cause;
  }
  return undefined;
}

/**
 * The fetch of the API readers: a GET that fails because the connection it reused had been closed by
 * the server (idle keep-alive sockets between two syncs) is tried once more on a fresh one. Reads are
 * idempotent; anything else (token refresh) is never repeated.
 */
export function retryStaleReads(fetchFn: typeof fetch): typeof fetch {
  return (async (input: Parameters<typeof fetch>[0], init?: RequestInit) => {
    const method = (init?.method ?? 'GET').toUpperCase();
    try {
      return await fetchFn(input, init);
    } catch (error) {
      const c = code(error);
      if (method !== 'GET' || !c || !STALE.has(c) || init?.signal?.aborted) throw error;
      return fetchFn(input, init);
    }
  }) as typeof fetch;
}
