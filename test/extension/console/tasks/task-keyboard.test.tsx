import { cleanup, fireEvent, screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TasksScreen } from '../../../../extension/ui/console/tasks/tasks-screen';
import type { Task } from '../../../../shared/schemas/email';
import { type FakeServer, fakeServer, renderWithServer } from '../fake-server';
import { contact, contactsRoute, page } from '../fixtures';

afterEach(cleanup);

const task = (id: string, contactId: string, dueAt: string): Task => ({
  id,
  type: 'call',
  status: 'open',
  contactId,
  ownerId: 'u_rep',
  dueAt,
});

let server: FakeServer;
beforeEach(() => {
  const people = [
    contact(),
    contact({ id: 'c_bob', email: 'bob@acme.test', firstName: 'Bob', lastName: 'Byte' }),
    contact({ id: 'c_cy', email: 'cy@acme.test', firstName: 'Cy', lastName: 'Cole' }),
  ];
  server = fakeServer()
    .on('GET', /^\/api\/tasks$/, () =>
      page([
        task('t_1', 'c_ada', '2025-03-03T08:00:00.000Z'),
        task('t_2', 'c_bob', '2025-03-03T09:00:00.000Z'),
        task('t_3', 'c_cy', '2025-03-03T09:30:00.000Z'),
      ]),
    )
    .on('GET', /^\/api\/sequences$/, () => page([]))
    .on('GET', /^\/api\/contacts$/, contactsRoute(people));
});

const key = (k: string, target: Element = document.body) => fireEvent.keyDown(target, { key: k });
const currentRow = () => document.querySelector('tr[data-current]') as HTMLElement;

describe('task queue by keyboard', () => {
  it('moves with j and k, skips, snoozes and completes with c; ? lists the keys', async () => {
    renderWithServer(<TasksScreen />, server);
    await screen.findByRole('link', { name: 'Bob Byte' });
    expect(within(currentRow()).getByText('Ada Lovelace')).toBeTruthy();
    key('j');
    expect(within(currentRow()).getByText('Bob Byte')).toBeTruthy();
    expect(document.activeElement).toBe(currentRow());
    key('k');
    expect(within(currentRow()).getByText('Ada Lovelace')).toBeTruthy();
    key('s');
    expect(within(currentRow()).getByText('Bob Byte')).toBeTruthy();
    key('z');
    expect(await screen.findByText(/Task snoozed for an hour/)).toBeTruthy();
    expect(screen.queryByRole('link', { name: 'Bob Byte' })).toBeNull();
    key('c');
    const dialog = await screen.findByRole('dialog');
    expect(dialog.textContent).toMatch(/Log the call with (Ada Lovelace|Cy Cole)/);
    // Inside the dialog, keys are the dialog's own.
    key('j', dialog);
    expect(screen.getAllByRole('dialog')).toHaveLength(1);
    fireEvent.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    key('?');
    const help = await screen.findByRole('dialog', { name: 'Keyboard shortcuts: Tasks' });
    expect(within(help).getByText('Next task')).toBeTruthy();
    expect(within(help).getByText(/Snooze/)).toBeTruthy();
  });

  it('never fires while typing in a field', async () => {
    renderWithServer(<TasksScreen />, server);
    await screen.findByRole('link', { name: 'Bob Byte' });
    const select = screen.getByLabelText('Task type');
    key('j', select);
    key('c', select);
    expect(within(currentRow()).getByText('Ada Lovelace')).toBeTruthy();
    expect(screen.queryByRole('dialog')).toBeNull();
    const input = document.createElement('input');
    document.body.appendChild(input);
    key('?', input);
    expect(screen.queryByRole('dialog')).toBeNull();
    input.remove();
  });
});
