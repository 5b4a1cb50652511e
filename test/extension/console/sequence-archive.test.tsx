import { cleanup, fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { SequenceView } from '../../../extension/ui/console/api-schemas';
import { SequenceList } from '../../../extension/ui/console/sequences/sequence-list';
import { fakeServer, renderWithServer } from './fake-server';
import { page, sequence } from './fixtures';

afterEach(cleanup);

/** A server that keeps one sequence and applies archive/restore/activate patches to it. */
function serverWith(start: SequenceView) {
  let current = start;
  const server = fakeServer()
    .on('GET', /^\/api\/sequences$/, (call) =>
      page((call.query.get('archived') === 'true') === !!current.archivedAt ? [current] : []),
    )
    .on('PATCH', /^\/api\/sequences\/s_1$/, (call) => {
      const body = call.body as { archived?: boolean; active?: boolean };
      const { archivedAt: _, ...rest } = current;
      current = {
        ...rest,
        ...(body.archived === true || (body.archived === undefined && current.archivedAt)
          ? { archivedAt: '2025-03-03T10:00:00.000Z' }
          : {}),
        active: body.archived === true ? false : (body.active ?? current.active),
      };
      return current;
    });
  return { server, now: () => current };
}

describe('sequences are archived, not deleted', () => {
  it('archives from the list with an Undo that brings it back as it was', async () => {
    const { server, now } = serverWith(sequence({ active: true }));
    renderWithServer(<SequenceList onOpen={() => {}} />, server);
    fireEvent.click(await screen.findByRole('button', { name: 'Archive Q3 Outreach' }));
    const notice = await screen.findByRole('status', { name: '' });
    await waitFor(() => expect(notice.textContent).toContain('“Q3 Outreach” is archived'));
    expect(now()).toMatchObject({ active: false, archivedAt: expect.any(String) });
    await waitFor(() => expect(screen.queryByRole('button', { name: 'Archive Q3 Outreach' })).toBeNull());

    fireEvent.click(screen.getByRole('button', { name: 'Undo' }));
    await screen.findByRole('button', { name: 'Archive Q3 Outreach' });
    expect(server.callsTo('PATCH', '/api/sequences/s_1').at(-1)?.body).toEqual({
      archived: false,
      active: true,
    });
    expect(now().archivedAt).toBeUndefined();
    expect(now().active).toBe(true);
  });

  it('lists archived sequences under their own filter, with Restore instead of Activate', async () => {
    const { server, now } = serverWith(sequence({ active: false, archivedAt: '2025-03-01T10:00:00.000Z' }));
    renderWithServer(<SequenceList onOpen={() => {}} />, server);
    await screen.findByText('No sequences yet');
    fireEvent.click(screen.getByRole('button', { name: 'Archived' }));
    fireEvent.click(await screen.findByRole('button', { name: 'Restore Q3 Outreach' }));
    expect(screen.queryByRole('button', { name: /Activate/ })).toBeNull();
    await waitFor(() => expect(now().archivedAt).toBeUndefined());
  });
});
