import { cleanup, fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ReportsScreen } from '../../../extension/ui/console/reports/reports-screen';
import type { SequenceReport } from '../../../shared/schemas/sequence-report';
import { type FakeServer, fakeServer, renderWithServer, reply } from './fake-server';
import { page, sequence } from './fixtures';

afterEach(cleanup);

function reportFor(sequenceId: string, days: number): SequenceReport {
  return {
    sequenceId,
    timezone: 'Europe/Berlin',
    funnel: { enrolled: 40, emailed: 30, replied: 6, bounced: 2, notSent: 3 },
    emailsSent: 57,
    finishedBy: [
      { reason: 'replied', count: 5 },
      { reason: 'completed', count: 4 },
      { reason: 'meeting_booked', count: 1 },
    ],
    sendsPerDay: Array.from({ length: days }, (_, i) => ({
      day: `2025-02-${String(i + 1).padStart(2, '0')}`,
      count: i % 3,
    })),
  };
}

let server: FakeServer;
beforeEach(() => {
  server = fakeServer()
    .on('GET', /^\/api\/sequences$/, () =>
      page([sequence(), sequence({ id: 's_2', name: 'Webinar follow-up' })]),
    )
    .on('GET', /^\/api\/sequences\/(\w+)\/report$/, (call, m) =>
      reportFor(m[1] as string, Number(call.query.get('days'))),
    );
});

const funnel = () =>
  [...document.querySelectorAll('[data-console-funnel]')].map((el) => [
    el.getAttribute('data-console-funnel'),
    Number(el.getAttribute('data-count')),
  ]);

describe('reports', () => {
  it("shows the server's funnel, finished reasons and sends per day, in this browser's time zone", async () => {
    renderWithServer(<ReportsScreen />, server);
    await waitFor(() =>
      expect(funnel()).toEqual([
        ['enrolled', 40],
        ['contacted', 30],
        ['replied', 6],
        ['bounced', 2],
        ['not_sent', 3],
      ]),
    );
    const [asked, ...more] = server.callsTo('GET', /\/report$/);
    expect(more).toEqual([]);
    expect(asked?.path).toBe('/api/sequences/s_1/report');
    expect(asked?.query.get('days')).toBe('14');
    expect(asked?.query.get('tz')).toBe(Intl.DateTimeFormat().resolvedOptions().timeZone);
    // The numbers are the server's: nothing is fetched to count them here.
    expect(server.callsTo('GET', /^\/api\/(enrollments|emails)/)).toEqual([]);

    expect(screen.getByText('57 emails sent in total.')).toBeTruthy();
    const finished = [...document.querySelectorAll('[data-console-finished]')].map((el) => el.textContent);
    expect(finished).toEqual(['Replied5', 'Completed every step4', 'Meeting booked1']);
    const table = screen.getByRole('table', { name: 'Emails sent per day' });
    expect(table.querySelectorAll('tr')).toHaveLength(14);
    expect(table.querySelector('tr:nth-child(3)')?.textContent).toBe('2025-02-032');
  });

  it('asks again for another period or sequence, and shows a refusal as a sentence', async () => {
    renderWithServer(<ReportsScreen />, server);
    await screen.findByText('57 emails sent in total.');
    fireEvent.change(screen.getByRole('combobox', { name: 'Period' }), { target: { value: '30' } });
    await waitFor(() =>
      expect(screen.getByRole('table', { name: 'Emails sent per day' }).querySelectorAll('tr')).toHaveLength(
        30,
      ),
    );
    expect(
      server
        .callsTo('GET', /\/report$/)
        .at(-1)
        ?.query.get('days'),
    ).toBe('30');

    server.on('GET', /^\/api\/sequences\/s_2\/report$/, () =>
      reply(404, { error: { code: 'not_found', message: 'sequence not found' } }),
    );
    fireEvent.change(screen.getByRole('combobox', { name: 'Sequence' }), { target: { value: 's_2' } });
    await screen.findByText(/We couldn't find that: sequence not found/);
    expect(server.callsTo('GET', /\/report$/).at(-1)?.path).toBe('/api/sequences/s_2/report');
  });
});
