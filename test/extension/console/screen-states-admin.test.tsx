import { cleanup, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { MailboxDto } from '../../../extension/ui/console/api-schemas';
import { MailboxesScreen } from '../../../extension/ui/console/mailboxes/mailboxes-screen';
import { ReportsScreen } from '../../../extension/ui/console/reports/reports-screen';
import { TeamScreen } from '../../../extension/ui/console/team/team-screen';
import type { SequenceReport } from '../../../shared/schemas/sequence-report';
import type { TeamUser } from '../../../shared/schemas/user';
import { fakeServer, renderWithServer } from './fake-server';
import { page, sequence } from './fixtures';
import {
  clickTryAgain,
  expectAnnounced,
  expectNoSeriousAxe,
  expectReadableAlert,
  held,
  serverDown,
} from './screen-state-checks';

afterEach(cleanup);

/*
 * Mailboxes, Team and Reports: loading, empty (with a next step) and error (a sentence, Try again
 * recovers). None of the three follows the live feed, so they have no stale state.
 */

const mailbox = (): MailboxDto => ({
  id: 'mb_1',
  address: 'dana@acme.test',
  provider: 'gmail',
  name: null,
  userId: 'usr_a',
  dailyLimit: 50,
  hourlyLimit: 6,
  signature: null,
  status: 'active',
  createdAt: '2025-03-01T09:00:00.000Z',
  updatedAt: '2025-03-01T09:00:00.000Z',
  unsubscribeEnabled: true,
  openTracking: false,
  hasCredentials: true,
  settingsHints: {},
  sync: { state: 'off' },
  rampUp: null,
  minGapSeconds: 0,
  recipientDomainDailyLimit: null,
  timezone: 'UTC',
  effectiveDailyLimit: 50,
  aliases: [],
});

const user: TeamUser = {
  id: 'usr_a',
  name: 'Ada Admin',
  email: 'ada@acme.test',
  role: 'admin',
  active: true,
};

const report = (sequenceId: string): SequenceReport => ({
  sequenceId,
  timezone: 'UTC',
  funnel: { enrolled: 4, emailed: 3, replied: 1, bounced: 0, notSent: 0 },
  emailsSent: 3,
  finishedBy: [],
  sendsPerDay: [],
});

describe('Mailboxes screen states', () => {
  it('loading: announced until the answer comes, then the mailboxes', async () => {
    const gate = held();
    const server = fakeServer().on('GET', /^\/api\/mailboxes$/, () => gate.wait(() => page([mailbox()])));
    renderWithServer(<MailboxesScreen />, server);
    expectAnnounced(await screen.findByText('Loading mailboxes…'));
    expect(screen.queryByText('dana@acme.test')).toBeNull();
    gate.release();
    expect(await screen.findByText('dana@acme.test')).toBeTruthy();
    expect(screen.queryByText('Loading mailboxes…')).toBeNull();
  });

  it('empty: says why a mailbox matters, and Link a mailbox is right there', async () => {
    renderWithServer(
      <MailboxesScreen />,
      fakeServer().on('GET', /^\/api\/mailboxes$/, () => page([])),
    );
    const empty = (await screen.findByText('No mailbox linked yet')).closest('.c-empty') as HTMLElement;
    expect(empty.textContent).toMatch(/Link one/);
    expect(screen.getByRole('button', { name: 'Link a mailbox' })).toBeTruthy();
    await expectNoSeriousAxe();
  });

  it('error: a sentence, no code; Try again recovers', async () => {
    let fail = true;
    const server = fakeServer().on('GET', /^\/api\/mailboxes$/, () =>
      fail ? serverDown() : page([mailbox()]),
    );
    renderWithServer(<MailboxesScreen />, server);
    await expectReadableAlert();
    await expectNoSeriousAxe();
    fail = false;
    await clickTryAgain();
    expect(await screen.findByText('dana@acme.test')).toBeTruthy();
    expect(screen.queryByRole('alert')).toBeNull();
  });
});

describe('Team screen states', () => {
  it('loading: announced until the answer comes, then the team', async () => {
    const gate = held();
    const server = fakeServer().on('GET', /^\/api\/users$/, () => gate.wait(() => page([user])));
    renderWithServer(<TeamScreen />, server);
    expectAnnounced(await screen.findByText('Loading the team…'));
    gate.release();
    expect(await screen.findByRole('cell', { name: 'Ada Admin' })).toBeTruthy();
    expect(screen.queryByText('Loading the team…')).toBeNull();
  });

  it('empty: no blank table, but who will appear here and how', async () => {
    renderWithServer(
      <TeamScreen />,
      fakeServer().on('GET', /^\/api\/users$/, () => page([])),
    );
    const empty = (await screen.findByText('Nobody on the team yet')).closest('.c-empty') as HTMLElement;
    expect(empty.textContent).toMatch(/sign in/);
    expect(screen.queryByRole('table')).toBeNull();
    await expectNoSeriousAxe();
  });

  it('error: a sentence, no code; Try again recovers', async () => {
    let fail = true;
    const server = fakeServer().on('GET', /^\/api\/users$/, () => (fail ? serverDown() : page([user])));
    renderWithServer(<TeamScreen />, server);
    await expectReadableAlert();
    await expectNoSeriousAxe();
    fail = false;
    await clickTryAgain();
    expect(await screen.findByRole('cell', { name: 'Ada Admin' })).toBeTruthy();
    expect(screen.queryByRole('alert')).toBeNull();
  });
});

describe('Reports screen states (a sequence report)', () => {
  const withReport = (answer: () => unknown) =>
    fakeServer()
      .on('GET', /^\/api\/sequences$/, () => page([sequence()]))
      .on('GET', /^\/api\/sequences\/s_1\/report$/, answer);

  it('loading: announced while the sequences and then the report are on their way', async () => {
    const sequences = held();
    const reportGate = held();
    const server = fakeServer()
      .on('GET', /^\/api\/sequences$/, () => sequences.wait(() => page([sequence()])))
      .on('GET', /^\/api\/sequences\/s_1\/report$/, () => reportGate.wait(() => report('s_1')));
    renderWithServer(<ReportsScreen />, server);
    expectAnnounced(await screen.findByText('Loading sequences…'));
    sequences.release();
    expectAnnounced(await screen.findByText('Loading the report…'));
    reportGate.release();
    await waitFor(() => expect(document.querySelector('[data-console-report]')).not.toBeNull());
    expect(screen.queryByText(/^Loading/)).toBeNull();
  });

  it('empty: no sequence yet, with the way to make one', async () => {
    renderWithServer(
      <ReportsScreen />,
      fakeServer().on('GET', /^\/api\/sequences$/, () => page([])),
    );
    const empty = (await screen.findByText('No sequences yet')).closest('.c-empty') as HTMLElement;
    expect(within(empty).getByRole('link', { name: 'Create a sequence' }).getAttribute('href')).toBe(
      '#sequences',
    );
    expect(screen.queryByText(/^Loading/)).toBeNull();
    await expectNoSeriousAxe();
  });

  it('error in the report: a sentence, no code; Try again recovers', async () => {
    let fail = true;
    renderWithServer(
      <ReportsScreen />,
      withReport(() => (fail ? serverDown() : report('s_1'))),
    );
    await expectReadableAlert();
    await expectNoSeriousAxe();
    fail = false;
    await clickTryAgain();
    await waitFor(() => expect(document.querySelector('[data-console-report]')).not.toBeNull());
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('error in the sequences: Try again loads them, then the report', async () => {
    let fail = true;
    const server = withReport(() => report('s_1')).on('GET', /^\/api\/sequences$/, () =>
      fail ? serverDown() : page([sequence()]),
    );
    renderWithServer(<ReportsScreen />, server);
    await expectReadableAlert();
    fail = false;
    await clickTryAgain();
    await waitFor(() => expect(document.querySelector('[data-console-report]')).not.toBeNull());
    expect(screen.queryByRole('alert')).toBeNull();
  });
});
