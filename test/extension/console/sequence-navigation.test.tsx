import { act, cleanup, fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { SequencesScreen } from '../../../extension/ui/console/sequences/sequences-screen';
import { type FakeServer, fakeServer, renderWithServer } from './fake-server';
import { page, sequence } from './fixtures';

let server: FakeServer;
beforeEach(() => {
  window.history.replaceState(null, '', '#sequences');
  server = fakeServer()
    .on('GET', /^\/api\/sequences$/, () => page([sequence()]))
    .on('GET', /^\/api\/sequences\/s_1$/, () => sequence())
    .on('GET', /^\/api\/snippets$/, () => page([]))
    .on('GET', /^\/api\/me$/, () => ({ id: 'u_rep', email: 'c@acme.test', name: 'Casey', role: 'rep' }))
    .on('GET', /^\/api\/mailboxes$/, () => page([]))
    .on('GET', /^\/api\/enrollments$/, () => page([]))
    .on('GET', /^\/api\/contacts$/, () => page([]));
});
afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

/** What the browser does when the address bar's hash changes (Back, a link). */
async function goTo(hash: string) {
  const oldURL = window.location.href;
  window.history.pushState(null, '', hash);
  await act(async () => {
    window.dispatchEvent(new HashChangeEvent('hashchange', { oldURL, newURL: window.location.href }));
  });
}

describe('the open sequence and tab live in the URL', () => {
  it('opens the sequence and tab the hash names, and writes tab changes back', async () => {
    window.history.replaceState(null, '', '#sequences/s_1/rules');
    renderWithServer(<SequencesScreen />, server);
    expect(await screen.findByRole('tab', { name: 'Rules', selected: true })).toBeTruthy();
    expect(screen.getByRole('tabpanel').getAttribute('aria-labelledby')).toBe('c-seq-tab-rules');

    fireEvent.click(screen.getByRole('tab', { name: 'Schedule' }));
    expect(window.location.hash).toBe('#sequences/s_1/schedule');
    expect(screen.getByRole('tab', { name: 'Schedule', selected: true })).toBeTruthy();

    fireEvent.click(screen.getByRole('button', { name: '← All sequences' }));
    await waitFor(() => expect(window.location.hash).toBe('#sequences'));
  });

  it('opening a sequence from the list is a history entry that Back returns from', async () => {
    renderWithServer(<SequencesScreen />, server);
    fireEvent.click(await screen.findByRole('button', { name: 'Q3 Outreach' }));
    await waitFor(() => expect(window.location.hash).toBe('#sequences/s_1'));
    await act(async () => {
      window.dispatchEvent(new HashChangeEvent('hashchange'));
    });
    expect(await screen.findByRole('tab', { name: 'Steps', selected: true })).toBeTruthy();
    await goTo('#sequences');
    expect(await screen.findByRole('button', { name: 'Q3 Outreach' })).toBeTruthy();
  });
});

describe('unsaved edits are not lost by accident', () => {
  async function openDirty() {
    window.history.replaceState(null, '', '#sequences/s_1/steps');
    renderWithServer(<SequencesScreen />, server);
    const name = await screen.findByRole('textbox', { name: 'Sequence name' });
    fireEvent.change(name, { target: { value: 'Q3 Outreach v2' } });
    expect(screen.getByText('Unsaved changes')).toBeTruthy();
  }

  it('asks before leaving through the URL, and stays with the edits when the rep says no', async () => {
    await openDirty();
    const ask = vi.spyOn(window, 'confirm').mockReturnValue(false);
    await goTo('#sequences');
    expect(ask).toHaveBeenCalledWith(expect.stringContaining('unsaved changes'));
    expect(window.location.hash).toBe('#sequences/s_1/steps');
    expect((screen.getByRole('textbox', { name: 'Sequence name' }) as HTMLInputElement).value).toBe(
      'Q3 Outreach v2',
    );

    ask.mockReturnValue(true);
    await goTo('#sequences');
    expect(await screen.findByRole('button', { name: 'Q3 Outreach' })).toBeTruthy();
  });

  it('asks the browser to warn before a reload or closing the tab, only while there are edits', async () => {
    await openDirty();
    const ev = new Event('beforeunload', { cancelable: true });
    window.dispatchEvent(ev);
    expect(ev.defaultPrevented).toBe(true);

    fireEvent.click(screen.getByRole('button', { name: 'Discard' }));
    const after = new Event('beforeunload', { cancelable: true });
    window.dispatchEvent(after);
    expect(after.defaultPrevented).toBe(false);
  });
});
