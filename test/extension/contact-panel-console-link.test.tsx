import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ContactPanel } from '../../extension/ui/contact-panel/contact-panel';
import { startFakeExtension } from './helpers/fake-extension';

afterEach(cleanup);

describe('contact panel: open in console', () => {
  it('opens the options page at the contact’s page', async () => {
    const ext = await startFakeExtension();
    const opened: string[] = [];
    vi.spyOn(ext.browser.tabs, 'create').mockImplementation(async (p: { url?: string }) => {
      opened.push(p.url ?? '');
      return {} as never;
    });
    render(<ContactPanel client={ext.client} email="dana@acme.test" />);
    fireEvent.click(await screen.findByRole('button', { name: 'Open in console' }));
    await waitFor(() => expect(opened).toHaveLength(1));
    const id = document.querySelector('[data-stride-contact]')?.getAttribute('data-stride-contact');
    expect(opened[0]).toMatch(new RegExp(`/options\\.html#contacts/${id}$`));
  });

  it('refuses a hash that is not a console place', async () => {
    const ext = await startFakeExtension();
    const create = vi.spyOn(ext.browser.tabs, 'create');
    create.mockClear();
    const answer = await ext.client.request({ type: 'options.open', hash: 'javascript:alert(1)' } as never);
    expect(answer).toMatchObject({ ok: false });
    expect(create).not.toHaveBeenCalled();
  });
});
