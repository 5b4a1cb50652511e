import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { createSettingsStore } from '../../extension/lib/settings-store';
import { OptionsShell } from '../../extension/ui/options/options-shell';
import { SignIn } from '../../extension/ui/options/sign-in';
import { Popup } from '../../extension/ui/popup/popup';
import { SETTINGS_KEY } from '../../shared/schemas/settings';
import { startFakeExtension } from './helpers/fake-extension';

afterEach(cleanup);
beforeEach(() => fakeBrowser.reset());

const loginServer = () =>
  vi.fn(async (url: RequestInfo | URL, init?: RequestInit) => {
    const { email, password } = JSON.parse(String(init?.body));
    if (String(url) !== 'http://stride.test/api/auth/login') return new Response(null, { status: 404 });
    if (password !== 'correct horse') {
      return new Response(JSON.stringify({ error: { code: 'invalid_credentials', message: 'no' } }), {
        status: 401,
      });
    }
    return Response.json({ token: 'tok_9', user: { id: 'u1', email, name: 'Rep', role: 'rep' } });
  }) as unknown as typeof fetch & ReturnType<typeof vi.fn>;

function renderSignIn(fetchImpl: typeof fetch, requestAccess = vi.fn(async () => true)) {
  render(
    <SignIn
      settings={createSettingsStore('http://127.0.0.1:8787')}
      fetch={fetchImpl}
      requestAccess={requestAccess}
    />,
  );
  return requestAccess;
}

async function fillAndSubmit(server: string, email: string, password: string) {
  fireEvent.change(await screen.findByLabelText('Server URL'), { target: { value: server } });
  fireEvent.change(screen.getByLabelText('Email'), { target: { value: email } });
  fireEvent.change(screen.getByLabelText('Password'), { target: { value: password } });
  fireEvent.click(screen.getByRole('button', { name: 'Sign in' }));
}

describe('options: sign in', () => {
  it('signs in, stores {serverUrl, token, email}, and signs out keeping the server', async () => {
    const fetchImpl = loginServer();
    const requestAccess = renderSignIn(fetchImpl);
    await fillAndSubmit('http://stride.test/some/path', 'rep@example.test', 'correct horse');
    expect(await screen.findByText('rep@example.test')).toBeTruthy();
    expect(requestAccess).toHaveBeenCalledWith('http://stride.test');
    expect((await fakeBrowser.storage.local.get(SETTINGS_KEY))[SETTINGS_KEY]).toEqual({
      serverUrl: 'http://stride.test',
      token: 'tok_9',
      email: 'rep@example.test',
    });

    fireEvent.click(screen.getByRole('button', { name: 'Sign out' }));
    await screen.findByRole('button', { name: 'Sign in' });
    expect((await fakeBrowser.storage.local.get(SETTINGS_KEY))[SETTINGS_KEY]).toEqual({
      serverUrl: 'http://stride.test',
    });
    expect((screen.getByLabelText('Server URL') as HTMLInputElement).value).toBe('http://stride.test');
  });

  it('explains wrong credentials, refused permission and an unreachable server', async () => {
    renderSignIn(loginServer());
    await fillAndSubmit('http://stride.test', 'rep@example.test', 'wrong');
    expect((await screen.findByRole('alert')).textContent).toBe("That email and password don't match.");
    cleanup();

    renderSignIn(
      loginServer(),
      vi.fn(async () => false),
    );
    await fillAndSubmit('https://far.example', 'rep@example.test', 'correct horse');
    expect((await screen.findByRole('alert')).textContent).toBe(
      'Stride needs permission to reach https://far.example.',
    );
    cleanup();

    renderSignIn(
      vi.fn(async () => Promise.reject(new TypeError('Failed to fetch'))) as unknown as typeof fetch,
    );
    await fillAndSubmit('http://stride.test', 'rep@example.test', 'correct horse');
    expect((await screen.findByRole('alert')).textContent).toContain(
      "Can't reach a Stride server at http://stride.test",
    );
    expect((await fakeBrowser.storage.local.get(SETTINGS_KEY))[SETTINGS_KEY]).toBeUndefined();
  });
});

describe('popup', () => {
  it("shows the signed-in user and today's open tasks", async () => {
    const ext = await startFakeExtension();
    const due = new Date();
    due.setHours(0, 5, 0, 0);
    ext.api.state.tasks = [{ id: 't1', dueAt: due.toISOString() }];
    const openOptions = vi.fn();
    render(<Popup client={ext.client} settings={createSettingsStore('x')} openOptions={openOptions} />);
    expect(await screen.findByText('rep@example.test')).toBeTruthy();
    await waitFor(() =>
      expect(document.querySelector('[data-stride-tasks]')?.textContent).toBe('1 open task due today'),
    );
    fireEvent.click(screen.getByRole('button', { name: 'Stride settings' }));
    expect(openOptions).toHaveBeenCalledOnce();
  });

  it('invites a signed-out rep to sign in', async () => {
    const ext = await startFakeExtension({ signedIn: false });
    render(<Popup client={ext.client} settings={createSettingsStore('x')} openOptions={() => {}} />);
    expect(await screen.findByText("You're not signed in.")).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Sign in' })).toBeTruthy();
  });

  it('has a banner with its heading and a main landmark holding the content', async () => {
    const ext = await startFakeExtension({ signedIn: false });
    render(<Popup client={ext.client} settings={createSettingsStore('x')} openOptions={() => {}} />);
    expect(screen.getByRole('banner').textContent).toBe('Stride');
    expect(screen.getByRole('heading', { level: 1, name: 'Stride' })).toBeTruthy();
    const main = screen.getByRole('main');
    expect(await within(main).findByText("You're not signed in.")).toBeTruthy();
    expect(within(main).getByRole('button', { name: 'Sign in' })).toBeTruthy();
  });
});

describe('options page shell', () => {
  it('offers a skip link that moves focus past the section links to the screen', () => {
    render(
      <OptionsShell
        screens={[
          { id: 'account', title: 'Account', render: () => <p>Account screen</p> },
          { id: 'team', title: 'Team', render: () => <p>Team screen</p> },
        ]}
      />,
    );
    const skip = screen.getByRole('button', { name: 'Skip to content' });
    expect(document.body.querySelector('button, a')).toBe(skip);
    fireEvent.click(skip);
    expect(document.activeElement).toBe(screen.getByRole('main'));
    expect(within(screen.getByRole('main')).getByText('Account screen')).toBeTruthy();
  });
});
