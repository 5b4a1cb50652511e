import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import type { ReactElement } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ConsoleProvider } from '../../../extension/ui/console/console-context';
import { EmailsScreen } from '../../../extension/ui/console/emails/emails-screen';
import type { LiveFeed } from '../../../extension/ui/console/live-feed';
import { SequenceList } from '../../../extension/ui/console/sequences/sequence-list';
import { TasksScreen } from '../../../extension/ui/console/tasks/tasks-screen';
import type { Task } from '../../../shared/schemas/email';
import { fakeServer, reply, servicesFor } from './fake-server';
import { contact, contactsRoute, email, page, sequence } from './fixtures';

afterEach(cleanup);

/*
 * Each console screen's four states: loading (the answer has not come), empty, error (read as a
 * sentence, with Try again that recovers) and stale (the live feed reports a change and the row follows
 * without a reload). Emails' stale state is in live-updates.test.tsx; the Sequences list does not
 * follow the feed, so it has three.
 */

const task = (o: Partial<Task> = {}): Task => ({
  id: 't_1',
  type: 'call',
  status: 'open',
  contactId: 'c_ada',
  ownerId: 'u_rep',
  dueAt: '2025-03-03T09:00:00.000Z',
  ...o,
});

interface Case {
  name: string;
  ui: () => ReactElement;
  /** The list route the screen's rows come from. */
  route: RegExp;
  rows: () => unknown[];
  loading: string;
  empty: string;
  /** Text that shows once the rows are in. */
  shown: string;
}

const cases: Case[] = [
  {
    name: 'Tasks',
    ui: () => <TasksScreen />,
    route: /^\/api\/tasks$/,
    rows: () => [task()],
    loading: 'Loading tasks…',
    empty: 'Nothing to do',
    shown: 'Ada Lovelace',
  },
  {
    name: 'Emails',
    ui: () => <EmailsScreen />,
    route: /^\/api\/emails$/,
    rows: () => [email()],
    loading: 'Loading emails…',
    empty: 'No emails match',
    shown: 'Ada Lovelace',
  },
  {
    name: 'Sequences',
    ui: () => <SequenceList onOpen={() => {}} />,
    route: /^\/api\/sequences$/,
    rows: () => [sequence({ name: 'Spring launch' })],
    loading: 'Loading sequences…',
    empty: 'No sequences yet',
    shown: 'Spring launch',
  },
];

function serverFor(c: Case, answer: () => unknown) {
  return fakeServer()
    .on('GET', /^\/api\/sequences$/, () => page([sequence()]))
    .on('GET', /^\/api\/mailboxes$/, () => page([]))
    .on('GET', /^\/api\/contacts$/, contactsRoute([contact()]))
    .on('GET', c.route, answer);
}

describe.each(cases)('$name screen states', (c) => {
  it('loading: says so until the answer comes, then shows the rows', async () => {
    let release: () => void = () => {};
    const held = new Promise<void>((r) => {
      release = r;
    });
    const server = serverFor(c, async () => {
      await held;
      return page(c.rows());
    });
    render(<ConsoleProvider services={servicesFor(server)}>{c.ui()}</ConsoleProvider>);
    expect(await screen.findByText(c.loading)).toBeTruthy();
    expect(screen.queryByText(c.shown)).toBeNull();
    release();
    expect(await screen.findByText(c.shown)).toBeTruthy();
    expect(screen.queryByText(c.loading)).toBeNull();
  });

  it('empty: says what will appear here', async () => {
    const server = serverFor(c, () => page([]));
    render(<ConsoleProvider services={servicesFor(server)}>{c.ui()}</ConsoleProvider>);
    expect(await screen.findByText(c.empty)).toBeTruthy();
    expect(screen.queryByText(c.loading)).toBeNull();
  });

  it('error: a sentence, no code, and Try again recovers', async () => {
    let fail = true;
    const server = serverFor(c, () =>
      fail
        ? reply(500, { error: { code: 'internal_error', message: 'the database did not answer' } })
        : page(c.rows()),
    );
    render(<ConsoleProvider services={servicesFor(server)}>{c.ui()}</ConsoleProvider>);
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).not.toMatch(/internal_error|\b500\b/);
    expect(alert.textContent?.length).toBeGreaterThan(10);
    fail = false;
    fireEvent.click(within(alert).getByRole('button', { name: 'Try again' }));
    expect(await screen.findByText(c.shown)).toBeTruthy();
    expect(screen.queryByRole('alert')).toBeNull();
  });
});

describe('Tasks screen, stale', () => {
  it('follows the live feed: a task completed elsewhere leaves the queue without a reload', async () => {
    let rows = [task(), task({ id: 't_2', contactId: 'c_bob', dueAt: '2025-03-03T09:30:00.000Z' })];
    const server = fakeServer()
      .on('GET', /^\/api\/sequences$/, () => page([]))
      .on(
        'GET',
        /^\/api\/contacts$/,
        contactsRoute([
          contact(),
          contact({ id: 'c_bob', firstName: 'Bob', lastName: 'Byte', email: 'bob@acme.test' }),
        ]),
      )
      .on('GET', /^\/api\/tasks$/, () => page(rows));
    const listeners = new Set<() => void>();
    const live: LiveFeed = {
      subscribe: (l) => {
        listeners.add(l);
        return () => listeners.delete(l);
      },
    };
    render(
      <ConsoleProvider services={{ ...servicesFor(server), live }}>
        <TasksScreen />
      </ConsoleProvider>,
    );
    expect(await screen.findByRole('link', { name: 'Bob Byte' })).toBeTruthy();
    rows = [rows[0] as Task];
    act(() => {
      for (const l of listeners) l();
    });
    await screen.findByRole('link', { name: 'Ada Lovelace' });
    await vi.waitFor(() => expect(screen.queryByRole('link', { name: 'Bob Byte' })).toBeNull());
  });
});
