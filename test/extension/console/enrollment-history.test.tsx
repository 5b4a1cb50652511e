import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import axe from 'axe-core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SequenceContacts } from '../../../extension/ui/console/contacts/sequence-contacts';
import type { TimelineItem } from '../../../shared/schemas/timeline';
import { type FakeServer, fakeServer, renderWithServer, reply } from './fake-server';
import { contact, contactsRoute, enrollment, page, sequence } from './fixtures';

afterEach(cleanup);

const people = [contact({ id: 'c1', firstName: 'Ada', lastName: 'Lovelace', email: 'ada@acme.test' })];
const counts = { active: 0, scheduled: 0, paused: 0, finished: 1, bounced: 0, not_sent: 0, removed: 0 };
const item = (o: Partial<TimelineItem> & Pick<TimelineItem, 'id' | 'kind'>): TimelineItem => ({
  at: '2025-12-03T10:42:00.000Z',
  actor: null,
  enrollmentId: 'e1',
  sequence: { id: 's_1', name: 'Q3 Outreach' },
  email: null,
  data: {},
  ...o,
});

let server: FakeServer;
beforeEach(() => {
  server = fakeServer()
    .on('GET', /^\/api\/enrollments$/, () =>
      page([enrollment({ id: 'e1', contactId: 'c1', status: 'finished', finishedReason: 'meeting_booked' })]),
    )
    .on('GET', /^\/api\/contacts$/, contactsRoute(people))
    .on('GET', /^\/api\/enrollments\/e1\/history$/, (call) =>
      call.query.get('cursor') === 'a_3'
        ? page([item({ id: 'a_1', kind: 'enrollment.created', actor: { id: 'u', name: 'Rita Rep' } })])
        : {
            items: [
              item({
                id: 'a_5',
                kind: 'email.replied',
                data: {
                  from: 'ana@acme.test',
                  date: '2025-12-03T10:42:00.000Z',
                  finished: true,
                  seenIn: { via: 'sync', mailboxId: 'mb_1', address: 'rep@stride.test', folder: 'INBOX' },
                },
              }),
              item({
                id: 'a_4',
                kind: 'email.out_of_office',
                data: {
                  from: 'ana@acme.test',
                  outcome: 'pause',
                  resumeAt: '2025-12-12T09:00:00.000Z',
                  host: 'gmail',
                  seenIn: { via: 'page' },
                },
              }),
              item({
                id: 'a_3',
                kind: 'engagement.meeting_link_clicked',
                data: { url: 'https://cal.test/ana' },
              }),
            ],
            nextCursor: 'a_3',
          },
    );
});

async function openHistory() {
  renderWithServer(<SequenceContacts sequence={sequence({ counts })} onChanged={() => {}} />, server);
  const button = await screen.findByRole('button', { name: 'Show history of Ada Lovelace' });
  // The finish reason reads as words in the row, never as a code.
  expect(screen.getByText('Finished: meeting booked')).toBeTruthy();
  fireEvent.click(button);
  return screen.findByRole('dialog', { name: 'History of Ada Lovelace in this sequence' });
}

describe('enrollment history from a sequence row', () => {
  it('says which message finished or paused the enrollment and where it was seen, in words', async () => {
    const dialog = await openHistory();
    await waitFor(() => expect(within(dialog).getAllByRole('listitem')).toHaveLength(3));
    const text = dialog.textContent ?? '';
    expect(text).toMatch(
      /Finished by a reply from ana@acme\.test seen in the mailbox rep@stride\.test \(sync\)/,
    );
    expect(text).toMatch(/Paused until .+ by an out-of-office answer from ana@acme\.test seen in Gmail/);
    expect(text).toContain('Finished: clicked the meeting link');
    // No code reaches the reader: no snake_case, no dotted activity kind, no raw seenIn value.
    const words = text.replace(/[\w.+-]+@[\w.-]+|https?:\/\/\S+/g, '');
    expect(words).not.toMatch(/\b[a-z]+_[a-z_]+\b|\b[a-z]+\.[a-z_]+\b|seenIn/);
    expect(server.calls.some((c) => c.path === '/api/enrollments/e1/history')).toBe(true);
    const results = await axe.run(dialog, { rules: { region: { enabled: false } } });
    expect(results.violations.filter((v) => v.impact === 'critical' || v.impact === 'serious')).toEqual([]);
  });

  it('loads older entries on request and closes with Escape', async () => {
    const dialog = await openHistory();
    fireEvent.click(await within(dialog).findByRole('button', { name: 'Show older' }));
    await waitFor(() => expect(within(dialog).getAllByRole('listitem')).toHaveLength(4));
    expect(within(dialog).getByText(/Rita Rep/)).toBeTruthy();
    expect(within(dialog).queryByRole('button', { name: 'Show older' })).toBeNull();
    fireEvent.keyDown(dialog, { key: 'Escape' });
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
  });

  it('shows a readable problem when the history cannot be read', async () => {
    server.on('GET', /^\/api\/enrollments\/e1\/history$/, () =>
      reply(404, { error: { code: 'not_found', message: 'enrollment not found' } }),
    );
    const dialog = await openHistory();
    await waitFor(() => expect(within(dialog).getByRole('alert').textContent).toMatch(/not found/i));
  });
});
