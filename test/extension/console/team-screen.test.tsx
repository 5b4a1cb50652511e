import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import axe from 'axe-core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TeamScreen } from '../../../extension/ui/console/team/team-screen';
import type { TeamUser } from '../../../shared/schemas/user';
import { type FakeServer, fakeServer, renderWithServer, reply } from './fake-server';
import { page } from './fixtures';

afterEach(cleanup);

const user = (over: Partial<TeamUser> & { id: string; name: string }): TeamUser => ({
  email: `${over.name.toLowerCase()}@acme.test`,
  role: 'rep',
  active: true,
  ...over,
});

let team: TeamUser[];
let server: FakeServer;
beforeEach(() => {
  team = [
    user({ id: 'usr_a', name: 'Ada', role: 'admin' }),
    user({ id: 'usr_d', name: 'Dana' }),
    user({ id: 'usr_e', name: 'Eve', active: false, deactivatedAt: '2025-03-01T09:00:00.000Z' }),
  ];
  server = fakeServer()
    .on('GET', /^\/api\/users$/, () => page(team))
    .on('PATCH', /^\/api\/users\/(\w+)$/, (call, m) => {
      const found = team.find((u) => u.id === m[1]);
      if (!found) return reply(404, { error: { code: 'not_found', message: 'user not found' } });
      Object.assign(found, call.body, {
        deactivatedAt: (call.body as { active: boolean }).active ? undefined : '2025-03-03T10:00:00.000Z',
      });
      return found;
    })
    .on('POST', /^\/api\/users\/(\w+)\/transfer$/, (call, m) => ({
      fromUserId: m[1],
      toUserId: (call.body as { toUserId: string }).toUserId,
      moved: {
        contacts: 12,
        accounts: 1,
        sequences: 2,
        mailboxes: 1,
        lists: 0,
        snippets: 0,
        tasks: 3,
        enrollments: 9,
        resumedEmails: 4,
      },
    }));
});

const row = (name: string) => {
  const cell = screen.getByRole('cell', { name });
  return within(cell.closest('tr') as HTMLElement);
};

describe('team screen', () => {
  it('lists who may sign in and deactivates a user after a confirm that says what happens', async () => {
    renderWithServer(<TeamScreen />, server);
    await screen.findByRole('table', { name: 'Team' });
    expect(row('Eve').getByText('Deactivated')).toBeTruthy();
    expect(row('Dana').getByText('Active')).toBeTruthy();

    fireEvent.click(row('Dana').getByRole('button', { name: 'Deactivate Dana' }));
    const dialog = await screen.findByRole('dialog', { name: 'Deactivate Dana?' });
    expect(dialog.textContent).toContain('signed out on every device');
    expect(dialog.textContent).toContain('not attempted until you transfer');
    // Cancel changes nothing.
    fireEvent.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    expect(server.callsTo('PATCH', /\/api\/users\//)).toEqual([]);

    fireEvent.click(row('Dana').getByRole('button', { name: 'Deactivate Dana' }));
    fireEvent.click(
      within(await screen.findByRole('dialog', { name: 'Deactivate Dana?' })).getByRole('button', {
        name: 'Deactivate',
      }),
    );
    expect((await screen.findByText(/is deactivated and signed out everywhere/)).textContent).toBe(
      'Dana is deactivated and signed out everywhere.',
    );
    expect(server.callsTo('PATCH', '/api/users/usr_d').map((c) => c.body)).toEqual([{ active: false }]);
    await waitFor(() => expect(row('Dana').getByText('Deactivated')).toBeTruthy());
  });

  it('reactivates, and transfers a user’s work to an active colleague only', async () => {
    renderWithServer(<TeamScreen />, server);
    await screen.findByRole('table', { name: 'Team' });
    fireEvent.click(row('Eve').getByRole('button', { name: "Transfer Eve's work" }));
    const dialog = await screen.findByRole('dialog', { name: "Transfer Eve's work" });
    const options = within(dialog)
      .getAllByRole('option')
      .map((o) => o.textContent);
    expect(options).toEqual(['Ada (ada@acme.test)', 'Dana (dana@acme.test)']);
    fireEvent.change(within(dialog).getByLabelText('Move everything to'), { target: { value: 'usr_d' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Transfer' }));
    expect((await screen.findByText(/Moved 12 contacts/)).textContent).toBe(
      'Moved 12 contacts, 1 account, 2 sequences, 1 mailbox, 3 open tasks, 9 enrollments; 4 held emails will go out. Dana owns them now.',
    );
    expect(server.callsTo('POST', '/api/users/usr_e/transfer').map((c) => c.body)).toEqual([
      { toUserId: 'usr_d' },
    ]);

    fireEvent.click(row('Eve').getByRole('button', { name: 'Reactivate Eve' }));
    fireEvent.click(
      within(await screen.findByRole('dialog', { name: 'Reactivate Eve?' })).getByRole('button', {
        name: 'Reactivate',
      }),
    );
    await screen.findByText('Eve can sign in again.');
    expect(server.callsTo('PATCH', '/api/users/usr_e').map((c) => c.body)).toEqual([{ active: true }]);
  });

  it('has no serious accessibility findings, list and dialog open (axe, layout rules aside)', async () => {
    renderWithServer(<TeamScreen />, server);
    await screen.findByRole('table', { name: 'Team' });
    fireEvent.click(row('Eve').getByRole('button', { name: "Transfer Eve's work" }));
    await screen.findByRole('dialog');
    const result = await axe.run(document.body, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'best-practice'] },
      // jsdom has no layout: colours and sizes cannot be judged here.
      rules: { 'color-contrast': { enabled: false }, region: { enabled: false } },
    });
    const serious = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
    expect(serious.map((v) => `${v.id}: ${v.help}`)).toEqual([]);
  });

  it('says in words when the last admin cannot step down, and when a rep opens the screen', async () => {
    server.on('PATCH', /^\/api\/users\/usr_a$/, () =>
      reply(409, {
        error: {
          code: 'last_admin',
          message: 'you are the last admin of the team: make someone else an admin first',
        },
      }),
    );
    renderWithServer(<TeamScreen />, server);
    await screen.findByRole('table', { name: 'Team' });
    fireEvent.click(row('Ada').getByRole('button', { name: 'Deactivate Ada' }));
    const dialog = await screen.findByRole('dialog', { name: 'Deactivate Ada?' });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Deactivate' }));
    expect((await within(dialog).findByRole('alert')).textContent).toContain('last admin of the team');
    cleanup();

    const forRep = fakeServer().on('GET', /^\/api\/users$/, () =>
      reply(403, { error: { code: 'forbidden', message: 'only an admin can do this' } }),
    );
    renderWithServer(<TeamScreen />, forRep);
    expect((await screen.findByText(/Only an admin can manage the team/)).textContent).toContain(
      'Ask an admin',
    );
    expect(screen.queryByRole('table')).toBeNull();
  });
});
