import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { createSettingsStore } from '../../extension/lib/settings-store';
import { SignIn } from '../../extension/ui/options/sign-in';
import { SETTINGS_KEY } from '../../shared/schemas/settings';

afterEach(cleanup);
beforeEach(async () => {
  fakeBrowser.reset();
  await fakeBrowser.storage.local.set({
    [SETTINGS_KEY]: { serverUrl: 'http://stride.test', token: 'tok_7', email: 'rep@example.test' },
  });
});

interface Seen {
  url: string;
  auth: string | null;
  body: unknown;
}

/** The server's sign-out and password routes, as the Account screen calls them. */
function accountServer() {
  const seen: Seen[] = [];
  const fetchImpl = vi.fn(async (url: RequestInfo | URL, init?: RequestInit) => {
    const headers = new Headers(init?.headers);
    const body = init?.body ? JSON.parse(String(init.body)) : undefined;
    seen.push({ url: String(url), auth: headers.get('Authorization'), body });
    if (String(url) === 'http://stride.test/api/auth/logout') return Response.json({ revoked: true });
    if (String(url) === 'http://stride.test/api/me/password') {
      if (body.currentPassword !== 'old-password-1') {
        return Response.json(
          {
            error: {
              code: 'validation_failed',
              message: 'the current password is not right',
              details: [{ path: 'currentPassword', message: 'does not match your current password' }],
            },
          },
          { status: 400 },
        );
      }
      return Response.json({ revokedTokens: 2 });
    }
    return new Response(null, { status: 404 });
  });
  return { fetch: fetchImpl as unknown as typeof fetch, seen };
}

function renderAccount(fetchImpl: typeof fetch) {
  render(
    <SignIn
      settings={createSettingsStore('http://127.0.0.1:8787')}
      fetch={fetchImpl}
      requestAccess={async () => true}
    />,
  );
}

async function fillPasswords(current: string, next: string, again = next) {
  fireEvent.change(await screen.findByLabelText('Current password'), { target: { value: current } });
  fireEvent.change(screen.getByLabelText('New password (at least 10 characters)'), {
    target: { value: next },
  });
  fireEvent.change(screen.getByLabelText('New password again'), { target: { value: again } });
  fireEvent.click(screen.getByRole('button', { name: 'Change password' }));
}

describe('account: sign out and change password', () => {
  it('sign out revokes the token on the server, then forgets it here', async () => {
    const server = accountServer();
    renderAccount(server.fetch);
    fireEvent.click(await screen.findByRole('button', { name: 'Sign out' }));
    await screen.findByRole('button', { name: 'Sign in' });
    expect(server.seen).toEqual([
      { url: 'http://stride.test/api/auth/logout', auth: 'Bearer tok_7', body: undefined },
    ]);
    expect((await fakeBrowser.storage.local.get(SETTINGS_KEY))[SETTINGS_KEY]).toEqual({
      serverUrl: 'http://stride.test',
    });
  });

  it('signs out here even when the server cannot be reached', async () => {
    const down = vi.fn(async () => {
      throw new TypeError('offline');
    }) as unknown as typeof fetch;
    renderAccount(down);
    fireEvent.click(await screen.findByRole('button', { name: 'Sign out' }));
    await screen.findByRole('button', { name: 'Sign in' });
  });

  it('changes the password, saying how many other sign-ins were ended; mistakes are said in words', async () => {
    const server = accountServer();
    renderAccount(server.fetch);

    await fillPasswords('old-password-1', 'short');
    expect((await screen.findByRole('alert')).textContent).toBe('New password: use at least 10 characters.');
    await fillPasswords('old-password-1', 'new-password-22', 'new-password-23');
    expect((await screen.findByRole('alert')).textContent).toBe('The two new passwords are not the same.');
    expect(server.seen).toEqual([]);

    await fillPasswords('wrong-password', 'new-password-22');
    await waitFor(() =>
      expect(screen.getByRole('alert').textContent).toBe(
        'Current password: does not match your current password.',
      ),
    );

    await fillPasswords('old-password-1', 'new-password-22');
    expect((await screen.findByText(/Password changed/)).textContent).toBe(
      'Password changed. 2 other sign-ins were signed out.',
    );
    expect(server.seen.at(-1)).toEqual({
      url: 'http://stride.test/api/me/password',
      auth: 'Bearer tok_7',
      body: { currentPassword: 'old-password-1', newPassword: 'new-password-22' },
    });
    // Still signed in with the same token.
    expect((await fakeBrowser.storage.local.get(SETTINGS_KEY))[SETTINGS_KEY]).toMatchObject({
      token: 'tok_7',
    });
    expect((screen.getByLabelText('Current password') as HTMLInputElement).value).toBe('');
  });
});
