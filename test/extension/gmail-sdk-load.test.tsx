import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { startWhenSdkLoads } from '../../extension/hosts/gmail/load-sdk';
import { UnreadablePanel } from '../../extension/ui/contact-panel/unreadable-panel';

afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

function harness(load: () => Promise<string>) {
  const events: string[] = [];
  const reported: string[] = [];
  let shown: ReturnType<typeof render> | undefined;
  const started = startWhenSdkLoads<string>({
    load,
    timeoutMs: 20_000,
    ready: (sdk) => events.push(`ready:${sdk}`),
    unavailable: (reason) => {
      events.push('unavailable');
      shown = render(<UnreadablePanel reason={reason} />);
      return () => {
        events.push('hidden');
        shown?.unmount();
      };
    },
    report: (reason) => reported.push(reason),
  });
  return { events, reported, started };
}

describe('InboxSDK that does not load', () => {
  it('shows the panel with a one-line reason after the budget, reported once, and never throws', async () => {
    vi.useFakeTimers();
    const { events, reported } = harness(() => new Promise(() => {}));
    await vi.advanceTimersByTimeAsync(19_999);
    expect(events).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    expect(events).toEqual(['unavailable']);
    expect(reported).toEqual([
      "Stride can't reach Gmail's page tools (InboxSDK did not load in 20 s): it may be blocked, or you may be offline.",
    ]);
    expect(screen.getByRole('status').textContent).toContain('InboxSDK did not load in 20 s');
    await vi.advanceTimersByTimeAsync(60_000);
    expect(reported).toHaveLength(1);
  });

  it('takes the notice away and runs normally when the SDK arrives late', async () => {
    vi.useFakeTimers();
    let arrive: (sdk: string) => void = () => {};
    const { events, started } = harness(() => new Promise((resolve) => (arrive = resolve)));
    await vi.advanceTimersByTimeAsync(25_000);
    arrive('sdk');
    await started;
    expect(events).toEqual(['unavailable', 'hidden', 'ready:sdk']);
    expect(screen.queryByRole('status')).toBeNull();
  });

  it('says why when the SDK rejects (blocked script), once, and not again at the budget', async () => {
    vi.useFakeTimers();
    const { events, reported, started } = harness(() =>
      Promise.reject(new Error('pageWorld.js was blocked')),
    );
    await started;
    await vi.advanceTimersByTimeAsync(30_000);
    expect(events).toEqual(['unavailable']);
    expect(reported).toEqual([
      "Stride can't reach Gmail's page tools (InboxSDK failed to load: pageWorld.js was blocked).",
    ]);
  });

  it('does nothing extra when the SDK loads in time', async () => {
    vi.useFakeTimers();
    const { events, reported, started } = harness(() => Promise.resolve('sdk'));
    await started;
    await vi.advanceTimersByTimeAsync(30_000);
    expect(events).toEqual(['ready:sdk']);
    expect(reported).toEqual([]);
  });
});
