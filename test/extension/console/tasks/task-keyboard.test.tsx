import { cleanup, fireEvent, screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { TasksScreen } from '../../../../extension/ui/console/tasks/tasks-screen';
import type { Task } from '../../../../shared/schemas/email';
import { type FakeServer, fakeServer, NOW, renderWithServer, reply } from '../fake-server';
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
let tasks: Task[];
beforeEach(() => {
  const people = [
    contact(),
    contact({ id: 'c_bob', email: 'bob@acme.test', firstName: 'Bob', lastName: 'Byte' }),
    contact({ id: 'c_cy', email: 'cy@acme.test', firstName: 'Cy', lastName: 'Cole' }),
  ];
  tasks = [
    task('t_1', 'c_ada', '2025-03-03T08:00:00.000Z'),
    task('t_2', 'c_bob', '2025-03-03T09:00:00.000Z'),
    task('t_3', 'c_cy', '2025-03-03T09:30:00.000Z'),
  ];
  // The server's rule: a task snoozed past now is out of the due queue, and only in `snoozed=only`.
  const asleep = (t: Task) => !!t.snoozedUntil && t.snoozedUntil > NOW.toISOString();
  server = fakeServer()
    .on('GET', /^\/api\/tasks$/, (c) =>
      page(tasks.filter((t) => (c.query.get('snoozed') === 'only' ? asleep(t) : !asleep(t)))),
    )
    .on('POST', /^\/api\/tasks\/([^/]+)\/snooze$/, (c, m) => {
      const t = tasks.find((x) => x.id === m[1]);
      if (!t) return reply(404, { error: { code: 'not_found', message: 'task not found' } });
      const { until } = c.body as { until: string | null };
      if (until) t.snoozedUntil = until;
      else delete t.snoozedUntil;
      return t;
    })
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
    const snooze = await screen.findByRole('dialog', { name: 'Snooze the task for Bob Byte' });
    fireEvent.click(within(snooze).getByRole('radio', { name: /Tomorrow morning/ }));
    fireEvent.click(within(snooze).getByRole('button', { name: 'Snooze' }));
    expect(await screen.findByText(/Task for Bob Byte snoozed until/)).toBeTruthy();
    await vi.waitFor(() => expect(screen.queryByRole('link', { name: 'Bob Byte' })).toBeNull());
    const [sent] = server.callsTo('POST', '/api/tasks/t_2/snooze');
    const tomorrow8 = new Date(NOW.getFullYear(), NOW.getMonth(), NOW.getDate() + 1, 8);
    expect(sent?.body).toEqual({ until: tomorrow8.toISOString() });
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

  it('undo wakes a snoozed task on the server and it is back in the queue', async () => {
    renderWithServer(<TasksScreen />, server);
    await screen.findByRole('link', { name: 'Bob Byte' });
    key('z');
    const snooze = await screen.findByRole('dialog', { name: 'Snooze the task for Ada Lovelace' });
    fireEvent.click(within(snooze).getByRole('button', { name: 'Snooze' }));
    const outcome = await screen.findByText(/Task for Ada Lovelace snoozed until/);
    await vi.waitFor(() => expect(screen.queryByRole('link', { name: 'Ada Lovelace' })).toBeNull());
    fireEvent.click(within(outcome).getByRole('button', { name: 'Undo' }));
    expect(await screen.findByText('The task for Ada Lovelace is back in your queue.')).toBeTruthy();
    expect(await screen.findByRole('link', { name: 'Ada Lovelace' })).toBeTruthy();
    expect(server.callsTo('POST', '/api/tasks/t_1/snooze').map((c) => c.body)).toEqual([
      { until: expect.any(String) },
      { until: null },
    ]);
  });

  it('the Snoozed view lists snoozed tasks with their time and wakes one', async () => {
    tasks[2] = { ...(tasks[2] as Task), snoozedUntil: '2025-03-04T08:00:00.000Z' };
    renderWithServer(<TasksScreen />, server);
    await screen.findByRole('link', { name: 'Bob Byte' });
    expect(screen.queryByRole('link', { name: 'Cy Cole' })).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Snoozed' }));
    await screen.findByRole('link', { name: 'Cy Cole' });
    expect(screen.getByText(/Snoozed until/)).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Wake now' }));
    expect(await screen.findByText('No snoozed tasks')).toBeTruthy();
  });

  it('a snooze the server refuses is shown in words and the task stays', async () => {
    server.on('POST', /^\/api\/tasks\/([^/]+)\/snooze$/, () =>
      reply(400, {
        error: {
          code: 'validation_failed',
          message: 'until: must be in the future',
          details: [{ path: 'until', message: 'must be in the future' }],
        },
      }),
    );
    renderWithServer(<TasksScreen />, server);
    await screen.findByRole('link', { name: 'Bob Byte' });
    key('z');
    const snooze = await screen.findByRole('dialog');
    fireEvent.click(within(snooze).getByRole('button', { name: 'Snooze' }));
    expect(await within(snooze).findByText(/must be in the future/i)).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Ada Lovelace' })).toBeTruthy();
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
