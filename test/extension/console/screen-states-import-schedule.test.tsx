import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { ImportScreen } from '../../../extension/ui/console/import/import-screen';
import { SequenceDetail } from '../../../extension/ui/console/sequences/sequence-detail';
import { type Call, fakeServer, renderWithServer } from './fake-server';
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
 * Import and a sequence's Schedule tab: loading, empty (with a next step) and error (a sentence, Try
 * again recovers). Neither follows the live feed: an import is the person's own doing, and a schedule
 * is a draft being edited, so neither has a stale state.
 */

const FILE = 'email,firstName\nada@acme.test,Ada\nbob@acme.test,Bob';

/** What the server's import answers for a chunk: every row created. */
function imported(call: Call) {
  const rows = String(call.body).trim().split(/\r?\n/).length - 1;
  return {
    created: rows,
    updated: 0,
    failed: [],
    columns: [],
    cellErrors: [],
    unsubscribed: 0,
    bounced: 0,
    accountsCreated: 0,
    listsCreated: 0,
  };
}

async function importFile() {
  const input = screen.getByLabelText('CSV file') as HTMLInputElement;
  fireEvent.change(input, { target: { files: [new File([FILE], 'people.csv', { type: 'text/csv' })] } });
  fireEvent.click(await screen.findByRole('button', { name: 'Import 2 rows' }));
}

describe('Import screen states', () => {
  it('empty: before a file, it says what to do and what a file looks like', async () => {
    renderWithServer(<ImportScreen />, fakeServer());
    expect(screen.getByLabelText('CSV file')).toBeTruthy();
    expect(screen.getByText(/first row names the columns/)).toBeTruthy();
    await expectNoSeriousAxe();
  });

  it('loading: the running import is announced, then the contacts lead somewhere', async () => {
    const gate = held();
    const server = fakeServer().on('POST', /^\/api\/contacts\/import$/, (call) =>
      gate.wait(() => imported(call)),
    );
    renderWithServer(<ImportScreen />, server);
    await importFile();
    const progress = await screen.findByText(/Importing…/);
    expectAnnounced(progress);
    expect(screen.getByRole('progressbar', { name: 'Import progress' })).toBeTruthy();
    gate.release();
    expect(await screen.findByText(/Import finished/)).toBeTruthy();
    expect(screen.queryByText(/Importing…/)).toBeNull();
    expect(screen.getByRole('button', { name: 'Enroll these 2 contacts' })).toBeTruthy();
  });

  it('error: the server refusing says so in words; Try again sends the file again and recovers', async () => {
    let fail = true;
    const server = fakeServer().on('POST', /^\/api\/contacts\/import$/, (call) =>
      fail ? serverDown() : imported(call),
    );
    renderWithServer(<ImportScreen />, server);
    await importFile();
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toMatch(/were not imported/);
    await expectReadableAlert();
    await expectNoSeriousAxe();
    fail = false;
    await clickTryAgain();
    await waitFor(() => expect(server.callsTo('POST', '/api/contacts/import')).toHaveLength(2));
    expect(await screen.findByText(/Import finished\. 2 contacts created/)).toBeTruthy();
    expect(screen.queryByRole('alert')).toBeNull();
    expect(screen.getByRole('button', { name: 'Enroll these 2 contacts' })).toBeTruthy();
  });
});

const places = { countries: [{ code: 'US', name: 'United States of America', regions: [] }] };

function scheduleServer(preview: (call: Call) => unknown) {
  return fakeServer()
    .on('GET', /^\/api\/sequences\/s_1$/, () => sequence())
    .on('GET', /^\/api\/snippets$/, () => page([]))
    .on('GET', /^\/api\/schedule\/holiday-places$/, () => places)
    .on('POST', /^\/api\/schedule\/preview$/, preview);
}

const at = () => ({ at: '2025-03-03T14:00:00.000Z', skipped: [] });

function openSchedule(server: ReturnType<typeof scheduleServer>) {
  renderWithServer(<SequenceDetail id="s_1" tab="schedule" onOpen={() => {}} onBack={() => {}} />, server);
}

const preview = async () => within(await screen.findByRole('region', { name: /If a contact were enrolled/ }));

describe('Schedule tab states', { timeout: 30_000 }, () => {
  it('loading: the sequence, then the send times, are announced while they are worked out', async () => {
    const gate = held();
    openSchedule(scheduleServer(() => gate.wait(at)));
    expectAnnounced(await screen.findByText('Loading the sequence…'));
    const times = await preview();
    expectAnnounced(await times.findByText('Calculating…'));
    gate.release();
    expect(await times.findByText(/Step 1/)).toBeTruthy();
    await waitFor(() => expect(times.queryByText('Calculating…')).toBeNull());
  });

  it('empty: with no sending window left, it says to add one, and Add window brings the times back', async () => {
    openSchedule(scheduleServer(at));
    const times = await preview();
    await times.findByText(/Step 1/);
    fireEvent.click(screen.getByRole('button', { name: 'Remove window' }));
    expect(screen.getByText('Add at least one sending window.')).toBeTruthy();
    expect(times.getByText('Add a sending window to see the send times.')).toBeTruthy();
    expect(times.queryByText(/Step 1/)).toBeNull();
    await expectNoSeriousAxe();
    fireEvent.click(screen.getByRole('button', { name: '+ Add window' }));
    expect(await times.findByText(/Step 1/)).toBeTruthy();
  });

  it('error: the preview failing reads as a sentence, no code; Try again recovers', async () => {
    let fail = true;
    const server = scheduleServer(() => (fail ? serverDown() : at()));
    openSchedule(server);
    const times = await preview();
    await expectReadableAlert();
    await expectNoSeriousAxe();
    fail = false;
    await clickTryAgain();
    expect(await times.findByText(/Step 1/)).toBeTruthy();
    await waitFor(() => expect(screen.queryByRole('alert')).toBeNull());
  });
});
