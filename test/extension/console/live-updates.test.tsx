import { act, cleanup, render, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ConsoleProvider } from '../../../extension/ui/console/console-context';
import { EmailsScreen } from '../../../extension/ui/console/emails/emails-screen';
import { sendTimeWords } from '../../../extension/ui/console/format';
import { createLiveFeed, type LiveFeed } from '../../../extension/ui/console/live-feed';
import type { Email } from '../../../shared/schemas/email';
import type { ExtensionNotice } from '../../../shared/schemas/extension-messages';
import { fakeServer, NOW, servicesFor } from './fake-server';
import { contact, contactsRoute, email, page, sequence } from './fixtures';

afterEach(cleanup);

describe('send times', () => {
  const now = new Date('2025-03-03T10:00:00Z');
  it('never shows a passed send time as the future', () => {
    expect(sendTimeWords({ status: 'scheduled', scheduledAt: '2025-03-03T09:59:00Z' }, now)).toBe('Due now');
    expect(sendTimeWords({ status: 'sending', scheduledAt: '2025-03-03T09:59:00Z' }, now)).toBe(
      'Sending now',
    );
    expect(sendTimeWords({ status: 'scheduled', scheduledAt: '2025-03-03T11:00:00Z' }, now)).not.toMatch(
      /now/,
    );
    expect(sendTimeWords({ status: 'sent', sentAt: '2025-03-03T09:00:00Z' }, now)).not.toMatch(/now/);
    expect(sendTimeWords({ status: 'not_sent' }, now)).toBe('—');
  });
});

describe('live feed', () => {
  it('asks the background to read the change feed while visible, and passes on its change notices', async () => {
    let tick: (() => void) | undefined;
    let notify: ((n: ExtensionNotice) => void) | undefined;
    const request = vi.fn(async () => ({
      ok: true as const,
      result: { type: 'sync', applied: 0, available: true },
    }));
    const stopNotices = vi.fn();
    let visible = true;
    const feed = createLiveFeed({
      client: {
        request: request as never,
        onNotice: (l) => {
          notify = l;
          return stopNotices;
        },
      },
      intervalMs: 15_000,
      isVisible: () => visible,
      setInterval: (fn) => {
        tick = fn;
        return 1;
      },
      clearInterval: () => {
        tick = undefined;
      },
    });
    const seen = vi.fn();
    const stop = feed.subscribe(seen);
    tick?.();
    expect(request).toHaveBeenCalledWith({ type: 'sync' });
    visible = false;
    tick?.();
    expect(request).toHaveBeenCalledTimes(1);
    notify?.({ type: 'changed', all: false, emails: [], contactIds: ['c_1'] });
    notify?.({ type: 'session', signedIn: true });
    expect(seen).toHaveBeenCalledTimes(1);
    stop();
    expect(stopNotices).toHaveBeenCalled();
    expect(tick).toBeUndefined();
  });
});

describe('emails screen, live', () => {
  it('shows a retried email as sent when the server reports the change, without a reload', async () => {
    let current: Email = email({
      id: 'em_1',
      status: 'scheduled',
      sentAt: undefined,
      // Its time has passed (the fake clock says 10:00): due now, not a time in the future.
      scheduledAt: new Date(NOW.getTime() - 60_000).toISOString(),
    });
    const server = fakeServer()
      .on('GET', /^\/api\/sequences$/, () => page([sequence()]))
      .on('GET', /^\/api\/contacts$/, contactsRoute([contact({ id: 'c_ada' })]))
      .on('GET', /^\/api\/emails$/, () => page([current]));
    const listeners = new Set<() => void>();
    const live: LiveFeed = {
      subscribe: (l) => {
        listeners.add(l);
        return () => listeners.delete(l);
      },
    };
    render(
      <ConsoleProvider services={{ ...servicesFor(server), live }}>
        <EmailsScreen />
      </ConsoleProvider>,
    );
    const row = () => document.querySelector('[data-console-email]') as HTMLElement | null;
    await waitFor(() => expect(row()?.dataset.status).toBe('scheduled'));
    expect(row()?.textContent).toContain('Due now');
    const loads = server.calls.filter((c) => c.path === '/api/emails').length;

    current = { ...current, status: 'sent', sentAt: NOW.toISOString() };
    act(() => {
      for (const l of listeners) l();
    });
    await waitFor(() => expect(row()?.dataset.status).toBe('sent'));
    expect(row()?.textContent).not.toContain('Due now');
    expect(server.calls.filter((c) => c.path === '/api/emails').length).toBe(loads + 1);
  });
});
