import { createStrideApi, type StrideApi } from '../../lib/api/api-core';
import { SIGN_IN_ON_ACCOUNT_TAB } from '../../lib/api/api-problem';
import type { SettingsStore } from '../../lib/settings-store';

export type { Query } from '../../lib/api/api-core';
export type ConsoleApi = StrideApi;

export interface ConsoleApiDeps {
  settings: SettingsStore;
  fetch: typeof fetch;
  /** Imports of a thousand rows take a few seconds on a busy server; plain calls are quick. */
  timeoutMs?: number;
}

/**
 * The console's wiring of the shared client core. Extension pages hold host permission for the
 * server, so they call it directly (the background's client exists for content scripts, which must
 * not see the token).
 */
export function createConsoleApi(deps: ConsoleApiDeps): ConsoleApi {
  return createStrideApi({
    settings: () => deps.settings.read(),
    fetch: deps.fetch,
    timeoutMs: deps.timeoutMs ?? 30_000,
    signInWhere: SIGN_IN_ON_ACCOUNT_TAB,
  });
}
