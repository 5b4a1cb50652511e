import { act, cleanup, render, screen, waitFor, within } from '@testing-library/react';
import axe from 'axe-core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ConsoleProvider } from '../../../../extension/ui/console/console-context';
import {
  LONGEST_TIMER_MS,
  SKEW_GRACE_MS,
  type WakeClock,
} from '../../../../extension/ui/console/tasks/snooze-wake';
import { TasksScreen } from '../../../../extension/ui/console/tasks/tasks-screen';
import type { Task } from '../../../../shared/schemas/email';
import { type FakeServer, fakeServer, NOW, servicesFor } from '../fake-server';
import { contact, contactsRoute, page } from '../fixtures';

afterEach(cleanup);

/** A clock that moves only when told, running the one-shot timers that come due on the way. */
function fakeClock(start: Date) {
  let now = start.getTime();
  let timers: { at: number; run(): void; id: number }[] = [];
  let n = 0;
  const clock: WakeClock & { pending(): number[]; advance(ms: number): void; at(): number } = {
    now: () => new Date(now),
    at: () => now,
    after(ms, run) {
      const id = ++n;
      timers.push({ at: now + ms, run, id });
      return () => {
        timers = timers.filter((t) => t.id !== id);
      };
    },
    pending: () => timers.map((t) => t.at).sort((a, b) => a - b),
    advance(ms) {
      const end = now + ms;
      for (;;) {
        const due = timers.filter((t) => t.at <= end).sort((a, b) => a.at - b.at)[0];
        if (!due) break;
        timers = timers.filter((t) => t !== due);
        now = due.at;
        act(() => due.run());
      }
      now = end;
    },
  };
  return clock;
}

const MIN = 60_000;
const iso = (ms: number) => new Date(ms).toISOString();
const task = (id: string, contactId: string, dueAt: string, snoozedUntil?: string): Task => ({
  id,
  type: 'call',
  status: 'open',
  contactId,
  ownerId: 'u_rep',
  dueAt,
  ...(snoozedUntil && { snoozedUntil }),
});

let server: FakeServer;
let tasks: Task[];
let clock: ReturnType<typeof fakeClock>;
/** How far the server's clock is behind the browser's. */
let serverBehindMs: number;
beforeEach(() => {
  clock = fakeClock(NOW);
  serverBehindMs = 0;
  const people = [
    contact(),
    contact({ id: 'c_bob', email: 'bob@acme.test', firstName: 'Bob', lastName: 'Byte' }),
    contact({ id: 'c_cy', email: 'cy@acme.test', firstName: 'Cy', lastName: 'Cole' }),
  ];
  tasks = [
    task('t_ada', 'c_ada', '2025-03-03T08:00:00.000Z'),
    // Due before Ada's: when it wakes it lands above the row the rep is on.
    task('t_bob', 'c_bob', '2025-03-03T07:00:00.000Z', iso(NOW.getTime() + 30 * MIN)),
    task('t_cy', 'c_cy', '2025-03-03T09:00:00.000Z', iso(NOW.getTime() + 120 * MIN)),
  ];
  // The server's rule, on its own clock: a task snoozed past now is only in `snoozed=only`.
  const asleep = (t: Task) => !!t.snoozedUntil && t.snoozedUntil > iso(clock.at() - serverBehindMs);
  server = fakeServer()
    .on('GET', /^\/api\/tasks$/, (c) =>
      page(tasks.filter((t) => (c.query.get('snoozed') === 'only' ? asleep(t) : !asleep(t)))),
    )
    .on('GET', /^\/api\/sequences$/, () => page([]))
    .on('GET', /^\/api\/contacts$/, contactsRoute(people));
});

const renderScreen = () =>
  render(
    <ConsoleProvider services={{ ...servicesFor(server), now: clock.now }}>
      <TasksScreen clock={clock} />
    </ConsoleProvider>,
  );
const region = () => document.querySelector('[aria-live="polite"][data-console-woke]') as HTMLElement;
const taskReads = () => server.callsTo('GET', '/api/tasks').length;

describe('snoozed tasks wake on an open Tasks screen', () => {
  it('brings a task back at its time, not before, says so politely, keeps focus and the current row, and re-arms for the next', async () => {
    const view = renderScreen();
    const logCall = within(
      (await screen.findByRole('link', { name: 'Ada Lovelace' })).closest('tr') as HTMLElement,
    ).getByRole('button', { name: 'Log call' });
    act(() => logCall.focus());
    expect(screen.queryByRole('link', { name: 'Bob Byte' })).toBeNull();
    // One timer, at Bob's time: no polling.
    await waitFor(() => expect(clock.pending()).toEqual([NOW.getTime() + 30 * MIN]));
    const reads = taskReads();

    clock.advance(30 * MIN - 1);
    expect(taskReads()).toBe(reads);
    expect(screen.queryByRole('link', { name: 'Bob Byte' })).toBeNull();
    expect(region().textContent).toBe('');

    clock.advance(1);
    expect(await screen.findByRole('link', { name: 'Bob Byte' })).toBeTruthy();
    expect(region().textContent).toBe('Your snooze for Bob Byte ended: the task is back in your queue.');
    expect(document.activeElement).toBe(logCall);
    expect(
      within(document.querySelector('tr[data-current]') as HTMLElement).getByText('Ada Lovelace'),
    ).toBeTruthy();
    // The list changed: the one timer now waits for Cy.
    await waitFor(() => expect(clock.pending()).toEqual([NOW.getTime() + 120 * MIN]));

    const axeResult = await axe.run(document.body, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'best-practice'] },
      rules: { 'color-contrast': { enabled: false }, region: { enabled: false } },
    });
    const serious = axeResult.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
    expect(serious.map((v) => `${v.id}: ${v.help}`)).toEqual([]);

    view.unmount();
    expect(clock.pending()).toEqual([]);
  });

  it('on the Snoozed view the woken task leaves the list at its time', async () => {
    renderScreen();
    await screen.findByRole('link', { name: 'Ada Lovelace' });
    act(() => screen.getByRole('button', { name: 'Snoozed' }).click());
    expect(await screen.findByRole('link', { name: 'Bob Byte' })).toBeTruthy();
    await waitFor(() => expect(clock.pending()).toEqual([NOW.getTime() + 30 * MIN]));
    clock.advance(30 * MIN);
    await waitFor(() => expect(screen.queryByRole('link', { name: 'Bob Byte' })).toBeNull());
    expect(screen.getByRole('link', { name: 'Cy Cole' })).toBeTruthy();
    expect(region().textContent).toMatch(/Bob Byte ended/);
  });

  it('a snooze weeks away arms the longest timer and re-arms from there', async () => {
    const far = NOW.getTime() + LONGEST_TIMER_MS + 3 * 24 * 60 * MIN;
    tasks = [tasks[0] as Task, task('t_bob', 'c_bob', '2025-03-03T07:00:00.000Z', iso(far))];
    renderScreen();
    await screen.findByRole('link', { name: 'Ada Lovelace' });
    await waitFor(() => expect(clock.pending()).toEqual([NOW.getTime() + LONGEST_TIMER_MS]));
    const reads = taskReads();
    clock.advance(LONGEST_TIMER_MS);
    expect(clock.pending()).toEqual([far]);
    expect(taskReads()).toBe(reads);
    clock.advance(far - clock.at());
    expect(await screen.findByRole('link', { name: 'Bob Byte' })).toBeTruthy();
  });

  it('when the server still says snoozed (its clock behind), looks once more, then waits for the live feed', async () => {
    serverBehindMs = 10_000;
    renderScreen();
    await screen.findByRole('link', { name: 'Ada Lovelace' });
    await waitFor(() => expect(clock.pending()).toEqual([NOW.getTime() + 30 * MIN]));
    clock.advance(30 * MIN);
    // Reloaded, but the server kept Bob asleep: one more look after the grace (still one timer).
    await waitFor(() => expect(clock.pending()).toEqual([NOW.getTime() + 30 * MIN + SKEW_GRACE_MS]));
    expect(screen.queryByRole('link', { name: 'Bob Byte' })).toBeNull();
    clock.advance(SKEW_GRACE_MS);
    expect(await screen.findByRole('link', { name: 'Bob Byte' })).toBeTruthy();
    expect(region().textContent).toBe('Your snooze for Bob Byte ended: the task is back in your queue.');
    await waitFor(() => expect(clock.pending()).toEqual([NOW.getTime() + 120 * MIN]));
  });
});
