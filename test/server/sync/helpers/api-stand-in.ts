import type { Hono } from 'hono';
import { afterAll, afterEach, beforeAll, beforeEach, expect } from 'vitest';
import type { SourceDeps } from '../../../../server/sync/source-for';
import type { TestApp } from '../../helpers/test-app';
import { type RunningStandIn, serveStandIn } from '../../providers/stand-ins/serve';
import { syncWorld } from './sync-world';

/** What the Gmail and Graph stand-ins have in common for the sync tests. */
export interface ApiStandIn {
  app: Hono;
  mailbox: { reset(): void };
  state: { accessTokens: Set<string>; refreshToken: string; problems: unknown[] };
}

export interface ApiSyncHarness {
  w: ReturnType<typeof syncWorld>;
  /** The stand-in's base URL (valid once the suite started). */
  url(): string;
  /** A new mailbox of `provider` at a fresh address, pointed at the stand-in. */
  linked(settings?: Record<string, unknown>): Promise<{ id: string; address: string }>;
  /** A minute from now: after our sends, whatever earlier tests did to the shared clock. */
  soon(): Date;
}

/**
 * One stand-in served for the suite, reset before each test with the tokens the mailboxes link with,
 * and checked after each test for requests the real API would have refused.
 */
export function useApiStandIn(
  t: TestApp,
  standIn: ApiStandIn,
  opts: {
    provider: 'gmail' | 'outlook';
    domain: string;
    accessToken: string;
    refreshToken: string;
    /** Settings beside the tokens and URLs (the OAuth client). */
    client: Record<string, unknown>;
    /** Called with each new address before the mailbox is linked (Gmail's profile names it). */
    onAddress?: (address: string) => void;
    sourceDeps?: Partial<SourceDeps>;
  },
): ApiSyncHarness {
  const w = syncWorld(t, opts.sourceDeps);
  let running: RunningStandIn | undefined;
  let n = 0;
  beforeAll(async () => {
    running = await serveStandIn(standIn.app);
  });
  afterAll(() => running?.close());
  beforeEach(() => {
    standIn.mailbox.reset();
    standIn.state.accessTokens = new Set([opts.accessToken]);
    standIn.state.refreshToken = opts.refreshToken;
  });
  afterEach(() => {
    expect(standIn.state.problems).toEqual([]);
  });
  const url = () => {
    if (!running) throw new Error('the stand-in is not running yet');
    return running.url;
  };
  return {
    w,
    url,
    async linked(settings = {}) {
      const address = `rep${++n}@${opts.domain}`;
      opts.onAddress?.(address);
      const id = await w.mailbox(opts.provider, address, {
        accessToken: opts.accessToken,
        refreshToken: opts.refreshToken,
        ...opts.client,
        apiBaseUrl: url(),
        tokenUrl: `${url()}/token`,
        ...settings,
      });
      return { id, address };
    },
    soon: () => new Date(t.clock.now().getTime() + 60_000),
  };
}
