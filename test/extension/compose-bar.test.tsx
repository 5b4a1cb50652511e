import { act, cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { MailCompose, PresendDecision } from '../../extension/hosts/mail-host';
import { ComposeBar } from '../../extension/ui/compose-bar/compose-bar';
import { createComposeGuard, type GuardOptions } from '../../extension/ui/compose-bar/compose-guard';
import { startFakeExtension } from './helpers/fake-extension';

afterEach(cleanup);

/** A compose window as MailHost describes it: recipients, a send button, a presend hook. */
function fakeCompose(initial: string[] = []) {
  let recipients = initial;
  let hook: (() => PresendDecision) | undefined;
  const listeners = new Set<(r: string[]) => void>();
  const sent = vi.fn();
  const compose: MailCompose = {
    getRecipients: () => recipients,
    onRecipientsChanged: (cb) => {
      listeners.add(cb);
      return () => listeners.delete(cb);
    },
    getSubject: () => 'Quick question',
    getBody: () => 'Hi there',
    mountBar: () => () => {},
    onPresend: (h) => {
      hook = h;
      return () => {
        hook = undefined;
      };
    },
    send: sent,
  };
  return {
    compose,
    sent,
    setRecipients(next: string[]) {
      recipients = next;
      for (const l of listeners) l(next);
    },
    /** The rep presses Send: what the host does with the hook's answer. */
    pressSend(): PresendDecision {
      const decision = hook ? hook() : true;
      if (decision === true) sent();
      return decision;
    },
  };
}

async function setup(initial: string[] = [], options: GuardOptions = {}) {
  const ext = await startFakeExtension();
  const mail = fakeCompose(initial);
  const guard = createComposeGuard(ext.client, mail.compose, options);
  render(<ComposeBar guard={guard} />);
  const bar = () => document.querySelector('[data-stride="compose-bar"]') as HTMLElement;
  return { ext, mail, guard, bar };
}

describe('compose bar', () => {
  it('lists every reason for a recipient with its resolution, and enrollment notices', async () => {
    const { mail, bar } = await setup();
    act(() => mail.setRecipients(['blocked@spam.test', 'dana@acme.test']));
    const reason = await waitFor(() => {
      const el = bar().querySelector('[data-stride-reason="person_blocked"]');
      if (!el) throw new Error('no reason yet');
      return el;
    });
    expect(reason.textContent).toBe('Person blocked. On the blocklist. Ask an admin.');
    await waitFor(() => expect(bar().dataset.strideState).toBe('blocked'));
    expect(bar().querySelector('[data-stride-notice="enrollment"]')?.textContent).toBe(
      'In sequence “Onboarding” at step 2 (active).',
    );
    expect(screen.getByRole('status').textContent).toContain('One reason not to send this email.');
  });

  it('debounces a burst of changes and caches each recipient’s answer', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    try {
      const { ext, mail } = await setup([], { debounceMs: 250 });
      const preflights = () =>
        ext.api.callsTo('POST', '/api/preflight').map((c) => (c.body as { email: string }).email);
      act(() => mail.setRecipients(['dana@acme.test']));
      act(() => mail.setRecipients(['dana@acme.test', 'sam@beta.test']));
      act(() => mail.setRecipients(['dana@acme.test', 'sam@beta.test', 'lee@gamma.test']));
      await vi.advanceTimersByTimeAsync(100);
      expect(preflights()).toEqual(['dana@acme.test']);
      await vi.advanceTimersByTimeAsync(300);
      expect(preflights().sort()).toEqual(['dana@acme.test', 'lee@gamma.test', 'sam@beta.test']);

      await vi.advanceTimersByTimeAsync(1_000);
      act(() => mail.setRecipients(['sam@beta.test']));
      act(() => mail.setRecipients(['sam@beta.test', 'dana@acme.test']));
      await vi.advanceTimersByTimeAsync(1_000);
      expect(preflights()).toHaveLength(3);
    } finally {
      vi.useRealTimers();
    }
  });

  it('checks a change after a quiet spell at once, even just after a trailing check', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    try {
      const { ext, mail } = await setup([], { debounceMs: 250 });
      const preflights = () =>
        ext.api.callsTo('POST', '/api/preflight').map((c) => (c.body as { email: string }).email);
      act(() => mail.setRecipients(['dana@acme.test']));
      await vi.advanceTimersByTimeAsync(100);
      act(() => mail.setRecipients([]));
      await vi.advanceTimersByTimeAsync(300);
      act(() => mail.setRecipients(['sam@beta.test']));
      await vi.advanceTimersByTimeAsync(10);
      expect(preflights()).toEqual(['dana@acme.test', 'sam@beta.test']);
    } finally {
      vi.useRealTimers();
    }
  });

  it('holds a send with a blocking reason behind a confirm: Cancel keeps it, Send anyway sends', async () => {
    const { mail, bar } = await setup(['blocked@spam.test']);
    await waitFor(() => expect(bar().dataset.strideState).toBe('blocked'));

    let decision: PresendDecision = true;
    act(() => {
      decision = mail.pressSend();
    });
    expect(decision).toBe('hold');
    expect(mail.sent).not.toHaveBeenCalled();
    const confirm = screen.getByRole('alertdialog', { name: 'Send anyway?' });
    fireEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(screen.queryByRole('alertdialog')).toBeNull();
    expect(mail.sent).not.toHaveBeenCalled();
    expect(confirm.isConnected).toBe(false);

    act(() => {
      mail.pressSend();
    });
    fireEvent.click(screen.getByRole('button', { name: 'Send anyway' }));
    expect(mail.sent).toHaveBeenCalledOnce();
  });

  it('Escape answers the held send’s question the safe way: the email stays unsent', async () => {
    const { mail, bar } = await setup(['blocked@spam.test']);
    await waitFor(() => expect(bar().dataset.strideState).toBe('blocked'));
    act(() => {
      mail.pressSend();
    });
    const cancel = screen.getByRole('button', { name: 'Cancel' });
    expect(document.activeElement).toBe(cancel);
    fireEvent.keyDown(cancel, { key: 'Escape' });
    expect(screen.queryByRole('alertdialog')).toBeNull();
    expect(mail.sent).not.toHaveBeenCalled();
  });

  it('lets a clean send go straight through', async () => {
    const { mail, bar } = await setup(['dana@acme.test']);
    await waitFor(() => expect(bar().dataset.strideState).toBe('ok'));
    expect(mail.pressSend()).toBe(true);
    expect(mail.sent).toHaveBeenCalledOnce();
  });

  it('holds a send pressed while checks run, then sends by itself if nothing blocks', async () => {
    const { ext, mail, bar } = await setup();
    const release = ext.api.hold();
    act(() => mail.setRecipients(['dana@acme.test']));
    let decision: PresendDecision = true;
    act(() => {
      decision = mail.pressSend();
    });
    expect(decision).toBe('hold');
    expect(screen.getByRole('status').textContent).toContain('Checking before sending…');
    act(() => release());
    await waitFor(() => expect(mail.sent).toHaveBeenCalledOnce());
    expect(bar().dataset.strideState).toBe('ok');
  });

  it('never blocks when the server is unreachable, and says so', async () => {
    const { ext, mail, bar } = await setup();
    ext.api.state.down = true;
    act(() => mail.setRecipients(['blocked@spam.test']));
    await waitFor(() => expect(bar().dataset.strideState).toBe('unreachable'));
    expect(screen.getByRole('status').textContent).toContain("Stride can't reach its server");
    expect(mail.pressSend()).toBe(true);
    expect(mail.sent).toHaveBeenCalledOnce();
  });

  it('sends a held email after the hold timeout when the checks never answer', async () => {
    const { ext, mail } = await setup([], { holdTimeoutMs: 50 });
    ext.api.hold();
    act(() => mail.setRecipients(['blocked@spam.test']));
    act(() => {
      mail.pressSend();
    });
    await waitFor(() => expect(mail.sent).toHaveBeenCalledOnce());
  });
});
