import { headerBlockEnd, headersFromView, sourceStart } from './header-block';

/*
 * Gmail shows no headers in the page, but the rep's own session can open a message's original
 * source on the same origin ("Show original"). Only the header block is read: the response is
 * streamed and dropped at the first empty line, within a byte budget and a timeout, a few at a time,
 * so a thread of long messages costs the page a few kilobytes and never waits on it.
 */

export interface HeaderFetchOptions {
  fetch: typeof fetch;
  /** The page's location: the account index (`/mail/u/<n>/`) comes from its path. */
  location: Pick<Location, 'origin' | 'pathname'>;
  /** Bytes read at most per message, however long its header block. */
  budgetBytes?: number;
  timeoutMs?: number;
  maxInFlight?: number;
}

export type HeaderFetcher = (gmailMessageId: string) => Promise<Record<string, string> | undefined>;

const CACHE_SIZE = 500;

/**
 * The "Show original" address of a message from InboxSDK's `getMessageIDAsync()` (a hex id): Gmail's
 * permanent id is the same number in decimal, `msg-f:<decimal>`.
 */
export function originalSourceUrl(location: Pick<Location, 'origin' | 'pathname'>, hexId: string): string {
  if (!/^[0-9a-f]{1,16}$/i.test(hexId)) throw new Error(`not a Gmail message id: ${hexId}`);
  const account = /^\/mail\/u\/(\d+)\//.exec(location.pathname)?.[1] ?? '0';
  const decimal = BigInt(`0x${hexId}`).toString(10);
  return `${location.origin}/mail/u/${account}/?view=om&permmsgid=msg-f:${decimal}`;
}

/** Reads `body` until the header block has ended or `budget` bytes came, then lets the rest go. */
export async function readHeaderPrefix(
  body: ReadableStream<Uint8Array>,
  budget: number,
): Promise<{ text: string; complete: boolean }> {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let text = '';
  let bytes = 0;
  let complete = false;
  try {
    while (bytes < budget) {
      const { done, value } = await reader.read();
      if (done) {
        text += decoder.decode();
        complete = true;
        break;
      }
      const room = budget - bytes;
      const chunk = value.byteLength > room ? value.subarray(0, room) : value;
      bytes += chunk.byteLength;
      text += decoder.decode(chunk, { stream: true });
      const start = sourceStart(text);
      if (start && headerBlockEnd(text.slice(start.at).replace(/^\s*\n/, '')) >= 0) {
        complete = true;
        break;
      }
    }
  } finally {
    // Cancelling stops the download: the body of a long message is never fetched.
    void reader.cancel().catch(() => undefined);
  }
  return { text, complete };
}

/**
 * A fetcher of reported headers by Gmail message id: at most `maxInFlight` requests at once (the
 * rest wait their turn), each aborted past `timeoutMs`; answers, including "none", are remembered, so
 * reopening a thread asks nothing again. It never throws: no headers is an answer.
 */
export function createHeaderFetcher(options: HeaderFetchOptions): HeaderFetcher {
  const budget = options.budgetBytes ?? 32 * 1024;
  const timeoutMs = options.timeoutMs ?? 5_000;
  const maxInFlight = options.maxInFlight ?? 2;
  const cache = new Map<string, Promise<Record<string, string> | undefined>>();
  const waiting: Array<() => void> = [];
  let inFlight = 0;

  const slot = async () => {
    if (inFlight >= maxInFlight) await new Promise<void>((resolve) => waiting.push(resolve));
    inFlight++;
  };
  const release = () => {
    inFlight--;
    waiting.shift()?.();
  };

  const load = async (id: string) => {
    await slot();
    const abort = new AbortController();
    const timer = setTimeout(() => abort.abort(), timeoutMs);
    try {
      const response = await options.fetch(originalSourceUrl(options.location, id), {
        credentials: 'include',
        signal: abort.signal,
      });
      if (!response.ok || !response.body) return undefined;
      const { text, complete } = await readHeaderPrefix(response.body, budget);
      const headers = headersFromView(text, complete);
      return headers && Object.keys(headers).length > 0 ? headers : undefined;
    } catch {
      return undefined;
    } finally {
      clearTimeout(timer);
      release();
    }
  };

  return (id) => {
    const known = cache.get(id);
    if (known) return known;
    const pending = /^[0-9a-f]{1,16}$/i.test(id) ? load(id) : Promise.resolve(undefined);
    cache.set(id, pending);
    if (cache.size > CACHE_SIZE) cache.delete(cache.keys().next().value as string);
    return pending;
  };
}
