import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { CsvImport } from '../../../extension/ui/console/import/csv-import';
import { fakeServer, renderWithServer, reply } from './fake-server';

afterEach(cleanup);

/** Ten rows; row 7 has a bad address. */
const FILE = [
  'E-mail,Given name,Company,Favourite colour',
  ...Array.from(
    { length: 10 },
    (_, i) => `${i === 6 ? 'broken' : `p${i + 1}@acme.test`},P${i + 1},Acme,blue`,
  ),
].join('\n');

function upload(text: string) {
  const input = screen.getByLabelText('CSV file') as HTMLInputElement;
  fireEvent.change(input, { target: { files: [new File([text], 'people.csv', { type: 'text/csv' })] } });
}

/** The rest of what the server's import answers (columns, cell errors, counts), empty here. */
const EXTRAS = {
  columns: [],
  cellErrors: [],
  unsubscribed: 0,
  bounced: 0,
  accountsCreated: 0,
  listsCreated: 0,
};

describe('CSV import', () => {
  it('maps columns, previews, then imports in chunks with progress and errors numbered for the whole file', async () => {
    let release: () => void = () => {};
    const server = fakeServer().on('POST', /^\/api\/contacts\/import$/, async (call) => {
      // Each chunk waits for the test, so the progress between chunks can be looked at.
      await new Promise<void>((r) => {
        release = r;
      });
      const lines = String(call.body).trim().split('\r\n');
      const failed = lines
        .slice(1)
        .flatMap((l, i) =>
          l.startsWith('broken') ? [{ row: i + 1, error: 'email: Invalid email address' }] : [],
        );
      return { created: lines.length - 1 - failed.length, updated: 0, failed, ...EXTRAS };
    });
    const onDone = vi.fn();
    renderWithServer(<CsvImport chunkRows={4} onDone={onDone} />, server);
    upload(FILE);

    const mapping = within(await screen.findByRole('table', { name: 'Map columns to fields' }));
    expect((mapping.getByLabelText('Import column “E-mail” as') as HTMLSelectElement).value).toBe(
      'field:email',
    );
    expect((mapping.getByLabelText('Import column “Given name” as') as HTMLSelectElement).value).toBe(
      'field:firstName',
    );
    expect((mapping.getByLabelText('Import column “Favourite colour” as') as HTMLSelectElement).value).toBe(
      'custom',
    );
    fireEvent.change(mapping.getByLabelText('Import column “Favourite colour” as'), {
      target: { value: 'skip' },
    });
    const preview = within(screen.getByRole('table', { name: 'Preview of the first rows' }));
    expect(preview.getAllByRole('columnheader').map((h) => h.textContent)).toEqual([
      'Row',
      'Email',
      'First name',
      'Company',
    ]);
    expect(preview.getAllByRole('row')).toHaveLength(6);
    expect(screen.getByText(/It goes up in 3 parts of 4 rows\./)).toBeTruthy();

    fireEvent.click(screen.getByRole('button', { name: 'Import 10 rows' }));
    const bar = await screen.findByRole('progressbar', { name: 'Import progress' });
    await waitFor(() => expect(server.callsTo('POST', '/api/contacts/import')).toHaveLength(1));
    expect(bar.getAttribute('aria-valuenow')).toBe('0');
    release();
    await waitFor(() => expect(bar.getAttribute('aria-valuenow')).toBe('1'));
    expect(bar.getAttribute('aria-valuemax')).toBe('3');
    await waitFor(() => expect(server.callsTo('POST', '/api/contacts/import')).toHaveLength(2));
    release();
    await waitFor(() => expect(server.callsTo('POST', '/api/contacts/import')).toHaveLength(3));
    release();

    await screen.findByText(/Import finished\./);
    const sent = server.callsTo('POST', '/api/contacts/import');
    expect(sent.map((c) => c.contentType)).toEqual(Array(3).fill('text/csv; charset=utf-8'));
    expect(sent.map((c) => String(c.body).split('\r\n')[0])).toEqual(
      Array(3).fill('email,firstName,company'),
    );
    expect(sent.map((c) => String(c.body).trim().split('\r\n').length - 1)).toEqual([4, 4, 2]);
    // Row 7 is the 3rd row of the 2nd chunk; the report names it by its place in the file.
    const failedRow = document.querySelector('[data-console-failed-row]') as HTMLElement;
    expect(failedRow.getAttribute('data-console-failed-row')).toBe('7');
    expect(
      within(failedRow)
        .getAllByRole('cell')
        .map((c) => c.textContent),
    ).toEqual(['7', '8', 'email: Invalid email address']);
    expect(screen.getByRole('status').textContent).toContain(
      '9 contacts created, 0 updated, 1 row failed (of 10 rows)',
    );
    expect(onDone).toHaveBeenCalledWith(expect.objectContaining({ created: 9, chunksDone: 3 }), [
      'p1@acme.test',
      'p2@acme.test',
      'p3@acme.test',
      'p4@acme.test',
      'p5@acme.test',
      'p6@acme.test',
      'p8@acme.test',
      'p9@acme.test',
      'p10@acme.test',
    ]);
  });

  it('names the line of a quote that never closes instead of uploading', async () => {
    const server = fakeServer();
    renderWithServer(<CsvImport />, server);
    upload('email,name\na@x.test,"Ann\nb@x.test,Bo\n');
    expect((await screen.findByRole('alert')).textContent).toContain('Line 2 opens a quote');
    expect(server.calls).toEqual([]);
  });

  it('reports a chunk the server refused with its rows, and keeps going with the next', async () => {
    let n = 0;
    const server = fakeServer().on('POST', /^\/api\/contacts\/import$/, () =>
      ++n === 1
        ? { created: 4, updated: 0, failed: [], ...EXTRAS }
        : n === 2
          ? reply(409, {
              error: {
                code: 'conflict',
                message: 'another change added one of these emails meanwhile; run the import again',
              },
            })
          : { created: 2, updated: 0, failed: [], ...EXTRAS },
    );
    renderWithServer(<CsvImport chunkRows={4} />, server);
    upload(FILE.replace('broken', 'p7@acme.test'));
    fireEvent.click(await screen.findByRole('button', { name: 'Import 10 rows' }));
    await screen.findByText(/Import finished\./);
    expect(
      screen.getByText(
        "Rows 5–8 were not imported: That didn't work: another change added one of these emails meanwhile; run the import again.",
      ),
    ).toBeTruthy();
    expect(screen.getByRole('status').textContent).toContain(
      '6 contacts created, 0 updated, 4 rows not imported',
    );
    expect(server.callsTo('POST', '/api/contacts/import')).toHaveLength(3);
  });

  it('lists the values it could not read by their row in the file, and what else the file did', async () => {
    let n = 0;
    const server = fakeServer().on('POST', /^\/api\/contacts\/import$/, () => {
      n++;
      return {
        created: 4,
        updated: 0,
        failed: [],
        ...EXTRAS,
        // The server numbers rows within its chunk: row 2 of the second chunk is row 6 of the file.
        cellErrors:
          n === 2 ? [{ row: 2, column: 'company', value: 'Atlantis', error: 'not a country we know' }] : [],
        unsubscribed: n === 1 ? 1 : 0,
        listsCreated: n === 1 ? 2 : 0,
      };
    });
    renderWithServer(<CsvImport chunkRows={4} />, server);
    upload(FILE.replace('broken', 'p7@acme.test'));
    fireEvent.click(await screen.findByRole('button', { name: 'Import 10 rows' }));
    await screen.findByText(/Import finished\./);
    const table = within(await screen.findByRole('table', { name: 'Values that were not imported' }));
    expect(
      table
        .getAllByRole('row')
        .slice(1)
        .map((r) =>
          within(r)
            .getAllByRole('cell')
            .map((c) => c.textContent),
        ),
    ).toEqual([['6', 'Company', 'Atlantis', 'not a country we know']]);
    expect(
      screen.getByText(/1 contact marked opted out in the file unsubscribed; 2 lists created\./),
    ).toBeTruthy();
  });
});
