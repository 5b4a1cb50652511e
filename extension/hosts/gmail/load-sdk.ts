/*
 * InboxSDK loads its page-world script and talks to Gmail's internals before it resolves; an ad
 * blocker, a policy or an offline page can leave `InboxSDK.load` pending for ever. Stride then still
 * shows its panel (floating, with the reason) instead of nothing, and takes over normally if the SDK
 * arrives after all.
 */

export const SDK_LOAD_BUDGET_MS = 20_000;

export interface SdkStartDeps<Sdk> {
  load(): Promise<Sdk>;
  /** Runs once the SDK is there, however late. */
  ready(sdk: Sdk): void;
  /** Shows the reason on the page (once); returns how to take it away if the SDK comes later. */
  unavailable(reason: string): () => void;
  /** Tells the background, once per page. */
  report(reason: string): void;
  timeoutMs?: number;
  setTimer?: (cb: () => void, ms: number) => unknown;
}

const seconds = (ms: number) => Math.round(ms / 1000);

export function startWhenSdkLoads<Sdk>(deps: SdkStartDeps<Sdk>): Promise<void> {
  const budget = deps.timeoutMs ?? SDK_LOAD_BUDGET_MS;
  const setTimer = deps.setTimer ?? ((cb, ms) => setTimeout(cb, ms));
  let settled = false;
  let hide: (() => void) | undefined;
  const fail = (reason: string) => {
    if (hide || settled) return;
    hide = deps.unavailable(reason);
    deps.report(reason);
  };
  setTimer(
    () =>
      fail(
        `Stride can't reach Gmail's page tools (InboxSDK did not load in ${seconds(budget)} s): it may be blocked, or you may be offline.`,
      ),
    budget,
  );
  return deps.load().then(
    (sdk) => {
      settled = true;
      hide?.();
      deps.ready(sdk);
    },
    (err: unknown) => {
      const detail = err instanceof Error && err.message ? `: ${err.message.slice(0, 200)}` : '';
      fail(`Stride can't reach Gmail's page tools (InboxSDK failed to load${detail}).`);
      settled = true;
    },
  );
}
