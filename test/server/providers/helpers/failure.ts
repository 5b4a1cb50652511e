import { expect } from 'vitest';
import type { ProviderError } from '../../../../server/providers/provider';

/** The ProviderError a send rejected with; fails the test if the send succeeded. */
export const failure = (promise: Promise<unknown>) =>
  promise.then(
    () => expect.unreachable('send should have failed'),
    (error: unknown) => error as ProviderError,
  );
