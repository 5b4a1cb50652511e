import type {
  ExtensionError,
  ExtensionNotice,
  ExtensionResponse,
  RequestOf,
  RequestType,
  ResultOf,
} from '../../shared/schemas/extension-messages';
import { NOTICE_PORT, STRIDE_CHANNEL } from './protocol';

export type Outcome<T> = { ok: true; result: T } | { ok: false; error: ExtensionError };

/** How the UI talks to the background: typed requests in, typed outcomes out, notices pushed. */
export interface StrideClient {
  request<T extends RequestType>(request: RequestOf<T>): Promise<Outcome<ResultOf<T>>>;
  onNotice(listener: (notice: ExtensionNotice) => void): () => void;
}

interface PortLike {
  postMessage(message: unknown): void;
  disconnect(): void;
  onMessage: { addListener(cb: (message: unknown) => void): void };
  onDisconnect: { addListener(cb: () => void): void };
}

export interface RuntimeLike {
  sendMessage(message: unknown): Promise<unknown>;
  connect(info: { name: string }): PortLike;
}

const failure = (message: string): Outcome<never> => ({ ok: false, error: { kind: 'extension', message } });
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;

/*
 * Zod validation of this protocol happens in the background, the side that receives from less
 * trusted contexts: it parses every request on arrival and every response and notice before sending.
 * Here only the envelope is checked, which keeps zod (~120 KB) out of the mail pages.
 */
function asResponse(raw: unknown): ExtensionResponse | undefined {
  if (!isObject(raw)) return undefined;
  if (raw.ok === true && isObject(raw.result) && typeof raw.result.type === 'string')
    return raw as ExtensionResponse;
  if (raw.ok === false && isObject(raw.error) && typeof raw.error.message === 'string')
    return raw as ExtensionResponse;
  return undefined;
}

/** The client content scripts and extension pages use, over runtime messaging. */
export function createRuntimeClient(runtime: RuntimeLike): StrideClient {
  const listeners = new Set<(notice: ExtensionNotice) => void>();
  let port: PortLike | undefined;
  let retry: ReturnType<typeof setTimeout> | undefined;

  // The MV3 worker sleeps and restarts, dropping ports; reconnect while anyone is listening.
  const connect = () => {
    if (port || listeners.size === 0) return;
    try {
      const p = runtime.connect({ name: NOTICE_PORT });
      port = p;
      p.onMessage.addListener((raw) => {
        if (!isObject(raw) || (raw.type !== 'changed' && raw.type !== 'session')) return;
        for (const l of listeners) l(raw as ExtensionNotice);
      });
      p.onDisconnect.addListener(() => {
        port = undefined;
        retry = setTimeout(connect, 1_000);
      });
    } catch {
      // The extension was updated or removed under this page: nothing to reconnect to.
    }
  };

  return {
    async request<T extends RequestType>(request: RequestOf<T>): Promise<Outcome<ResultOf<T>>> {
      let raw: unknown;
      try {
        raw = await runtime.sendMessage({ channel: STRIDE_CHANNEL, request });
      } catch (err) {
        return failure(
          /context invalidated/i.test(String(err))
            ? 'Stride was updated: reload this page.'
            : 'Stride is starting up: try again in a moment.',
        );
      }
      const response = asResponse(raw);
      if (!response) return failure('Stride received an invalid answer from its background.');
      if (!response.ok) return response;
      if (response.result.type !== request.type) return failure('Stride received a mismatched answer.');
      return { ok: true, result: response.result as ResultOf<T> };
    },
    onNotice(listener) {
      listeners.add(listener);
      connect();
      return () => {
        listeners.delete(listener);
        if (listeners.size > 0) return;
        clearTimeout(retry);
        const p = port;
        port = undefined;
        p?.disconnect();
      };
    },
  };
}
