import type { StrideClient } from '../../lib/stride-client';

/** "Something changed on the server": the console's screens reload what they show when it fires. */
export interface LiveFeed {
  subscribe(listener: () => void): () => void;
}

export interface LiveFeedDeps {
  client: Pick<StrideClient, 'request' | 'onNotice'>;
  /** How often to ask the background to read the server's change feed while the page is seen. */
  intervalMs: number;
  isVisible(): boolean;
  setInterval(fn: () => void, ms: number): unknown;
  clearInterval(handle: unknown): void;
}

/**
 * The console follows the server through the background: the background reads the delta feed
 * (GET /api/changes) and announces what changed; while a console screen is open and visible this
 * asks it to read the feed every few seconds, so a retried email that goes out shows as sent
 * without a reload.
 */
export function createLiveFeed(deps: LiveFeedDeps): LiveFeed {
  const listeners = new Set<() => void>();
  let stopNotices: (() => void) | undefined;
  let timer: unknown;
  const emit = () => {
    for (const l of [...listeners]) l();
  };
  const start = () => {
    stopNotices = deps.client.onNotice((notice) => {
      if (notice.type === 'changed') emit();
    });
    timer = deps.setInterval(() => {
      if (deps.isVisible()) void deps.client.request({ type: 'sync' });
    }, deps.intervalMs);
  };
  const stop = () => {
    stopNotices?.();
    stopNotices = undefined;
    deps.clearInterval(timer);
  };
  return {
    subscribe(listener) {
      listeners.add(listener);
      if (listeners.size === 1) start();
      return () => {
        listeners.delete(listener);
        if (listeners.size === 0) stop();
      };
    },
  };
}
