import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import axe from 'axe-core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SequenceDetail } from '../../../extension/ui/console/sequences/sequence-detail';
import { type FakeServer, fakeServer, renderWithServer } from './fake-server';
import { page, sequence } from './fixtures';

afterEach(cleanup);

const places = {
  countries: [
    { code: 'DE', name: 'Germany', regions: [{ code: 'DE-BY', name: 'Bavaria' }] },
    { code: 'FR', name: 'France', regions: [] },
    {
      code: 'US',
      name: 'United States of America',
      regions: [{ code: 'US-CA', name: 'California' }],
    },
  ],
};

let server: FakeServer;
beforeEach(() => {
  server = fakeServer()
    .on('GET', /^\/api\/sequences\/s_1$/, () =>
      sequence({
        schedule: {
          timezone: 'America/New_York',
          useContactTimezone: false,
          windows: [{ days: [1, 2, 3, 4, 5], start: '09:00', end: '17:00' }],
          holidays: 'US',
          blackoutDates: ['2025-03-06'],
        },
      }),
    )
    .on('PATCH', /^\/api\/sequences\/s_1$/, (call) => sequence(call.body as object))
    .on('GET', /^\/api\/snippets$/, () => page([]))
    .on('GET', /^\/api\/schedule\/holiday-places$/, () => places)
    // As the server answers: from Thursday 6 March 2025 (a blackout date), Friday 7 is a (pretend)
    // holiday and the weekend has no window, so Monday 10, 09:00 New York; from now, Monday 3, 09:00.
    .on('POST', /^\/api\/schedule\/preview$/, (call) =>
      (call.body as { from: string }).from.startsWith('2025-03-06T05:00')
        ? {
            at: '2025-03-10T13:00:00.000Z',
            skipped: [
              { date: '2025-03-06', reason: 'blackout_date', name: 'Blackout date' },
              { date: '2025-03-07', reason: 'holiday', name: 'Founders Day (US)' },
            ],
          }
        : { at: '2025-03-03T14:00:00.000Z', skipped: [] },
    );
});

async function openSchedule() {
  renderWithServer(<SequenceDetail id="s_1" tab="schedule" onOpen={() => {}} onBack={() => {}} />, server);
  const daysOff = await screen.findByRole('group', { name: 'Days off' });
  await within(daysOff).findByRole('option', { name: 'Germany' });
  return within(daysOff);
}

describe('the Schedule tab: holidays, blackout dates and the next send times', { timeout: 30_000 }, () => {
  it('picks the holiday place by name, never by code, and saves it with the blackout dates', async () => {
    const days = await openSchedule();
    const country = days.getByLabelText('Skip the public holidays of') as HTMLSelectElement;
    expect(country.value).toBe('US');
    expect(country.selectedOptions[0]?.textContent).toBe('United States of America');
    // Every choice a person reads is a name.
    for (const o of Array.from(country.options)) expect(o.textContent).not.toMatch(/^[A-Z]{2}(-|$)/);

    fireEvent.change(country, { target: { value: 'DE' } });
    const region = days.getByLabelText('Region of Germany') as HTMLSelectElement;
    expect(Array.from(region.options).map((o) => o.textContent)).toEqual([
      'All of Germany (national holidays only)',
      'Bavaria',
    ]);
    fireEvent.change(region, { target: { value: 'DE-BY' } });

    const input = days.getByLabelText('Add a blackout date');
    fireEvent.change(input, { target: { value: '2025-12-24' } });
    fireEvent.click(days.getByRole('button', { name: 'Add date' }));
    // The same date twice is refused in words, and nothing is lost.
    fireEvent.change(input, { target: { value: '2025-12-24' } });
    fireEvent.keyDown(input, { key: 'Enter' });
    expect(days.getByText(/is already a blackout date/)).toBeTruthy();
    const list = days.getByRole('list', { name: 'Blackout dates' });
    expect(within(list).getAllByRole('listitem')).toHaveLength(2);
    fireEvent.click(within(list).getByRole('button', { name: /^Remove blackout date .*Mar 6/ }));
    expect(within(list).getAllByRole('listitem')).toHaveLength(1);

    fireEvent.click(screen.getByRole('button', { name: 'Save changes' }));
    await waitFor(() => expect(server.callsTo('PATCH', '/api/sequences/s_1')).toHaveLength(1));
    const body = server.callsTo('PATCH', '/api/sequences/s_1')[0]?.body as { schedule: unknown };
    expect(body.schedule).toEqual({
      timezone: 'America/New_York',
      useContactTimezone: false,
      windows: [{ days: [1, 2, 3, 4, 5], start: '09:00', end: '17:00' }],
      holidays: 'DE-BY',
      blackoutDates: ['2025-12-24'],
    });
  });

  it('switching holidays off and removing the last date leaves neither in the saved schedule', async () => {
    const days = await openSchedule();
    fireEvent.change(days.getByLabelText('Skip the public holidays of'), { target: { value: '' } });
    fireEvent.click(days.getByRole('button', { name: /^Remove blackout date/ }));
    expect(days.getByText('No blackout dates.')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Save changes' }));
    await waitFor(() => expect(server.callsTo('PATCH', '/api/sequences/s_1')).toHaveLength(1));
    const body = server.callsTo('PATCH', '/api/sequences/s_1')[0]?.body as { schedule: object };
    expect(body.schedule).not.toHaveProperty('holidays');
    expect(body.schedule).not.toHaveProperty('blackoutDates');
  });

  it('shows the next send times with each skipped day and why: holiday, blackout, no window', async () => {
    await openSchedule();
    const preview = screen.getByRole('region', { name: /If a contact were enrolled/ });
    await within(preview).findByText(/Step 1/);
    fireEvent.change(within(preview).getByLabelText('Preview from'), { target: { value: '2025-03-06' } });
    const skips = await within(preview).findByRole('list', { name: 'Days step 1 skips' });
    expect(
      within(skips)
        .getAllByRole('listitem')
        .map((li) => li.textContent),
    ).toEqual([
      'Skips Thu, Mar 6: Blackout date',
      'Skips Fri, Mar 7: Founders Day (US), a public holiday',
      'Skips Sat, Mar 8: No sending window that day',
      'Skips Sun, Mar 9: No sending window that day',
    ]);
    // The server was asked with the schedule's holidays and blackout dates, from local midnight.
    const asked = server.callsTo('POST', '/api/schedule/preview').at(-1)?.body as {
      schedule: { holidays?: string; blackoutDates?: string[] };
      from: string;
    };
    expect(asked.schedule.holidays).toBe('US');
    expect(asked.schedule.blackoutDates).toEqual(['2025-03-06']);
    expect(asked.from).toBe('2025-03-06T05:00:00.000Z');
    fireEvent.click(within(preview).getByRole('button', { name: 'From now' }));
    await waitFor(() =>
      expect(within(preview).queryByRole('list', { name: 'Days step 1 skips' })).toBeNull(),
    );
  });

  it('every control of the tab is reachable by keyboard, and axe finds nothing serious', async () => {
    const days = await openSchedule();
    fireEvent.change(days.getByLabelText('Skip the public holidays of'), { target: { value: 'DE' } });
    const panel = screen.getByRole('tabpanel');
    const controls = Array.from(panel.querySelectorAll<HTMLElement>('input, select, button')).filter(
      (el) => !(el as HTMLButtonElement).disabled,
    );
    expect(controls.length).toBeGreaterThan(10);
    for (const el of controls) {
      expect(el.tabIndex).toBeGreaterThanOrEqual(0);
      el.focus();
      expect(document.activeElement).toBe(el);
    }
    const result = await axe.run(document.body, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'best-practice'] },
      // jsdom has no layout: colours and sizes cannot be judged here.
      rules: { 'color-contrast': { enabled: false }, region: { enabled: false } },
    });
    const serious = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
    expect(serious.map((v) => `${v.id}: ${v.help}`)).toEqual([]);
  });
});
