import { cleanup, fireEvent, screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { SequenceView } from '../../../../extension/ui/console/api-schemas';
import { SequenceList } from '../../../../extension/ui/console/sequences/sequence-list';
import { type FakeServer, fakeServer, renderWithServer } from '../fake-server';
import { page, sequence } from '../fixtures';

afterEach(cleanup);

let server: FakeServer;
let sequences: SequenceView[];
beforeEach(() => {
  sequences = [
    sequence({ id: 's_1', name: 'Q3 Outreach', active: true }),
    sequence({ id: 's_2', name: 'Webinar follow-up', active: false }),
    sequence({ id: 's_3', name: 'Shared playbook', active: true, access: 'view' }),
  ];
  server = fakeServer()
    .on('GET', /^\/api\/sequences$/, () => page(sequences))
    .on('PATCH', /^\/api\/sequences\/([^/]+)$/, (call, m) => {
      const s = sequences.find((x) => x.id === m[1]) as SequenceView;
      Object.assign(s, call.body);
      return s;
    });
});

const key = (k: string, target: Element = document.body) => fireEvent.keyDown(target, { key: k });
const currentRow = () => document.querySelector('tr[data-current]') as HTMLElement;
const current = () => currentRow().getAttribute('data-console-sequence');

describe('Sequences list by keyboard', () => {
  it('j/k move, Enter opens the current sequence', async () => {
    const onOpen = vi.fn();
    renderWithServer(<SequenceList onOpen={onOpen} />, server);
    await screen.findByText('Webinar follow-up');
    expect(current()).toBe('Q3 Outreach');
    key('j');
    expect(current()).toBe('Webinar follow-up');
    expect(document.activeElement).toBe(currentRow());
    key('k');
    key('k');
    expect(current()).toBe('Q3 Outreach');
    key('j');
    key('Enter', currentRow());
    expect(onOpen).toHaveBeenCalledWith('s_2');
  });

  it('p pauses and resumes the current sequence; a view-only one is left alone', async () => {
    renderWithServer(<SequenceList onOpen={() => {}} />, server);
    await screen.findByText('Webinar follow-up');
    key('p');
    await vi.waitFor(() =>
      expect(within(currentRow()).getByRole('button', { name: 'Activate Q3 Outreach' })).toBeTruthy(),
    );
    key('p');
    await vi.waitFor(() =>
      expect(within(currentRow()).getByRole('button', { name: 'Deactivate Q3 Outreach' })).toBeTruthy(),
    );
    key('j');
    key('j');
    expect(current()).toBe('Shared playbook');
    key('p');
    expect(server.callsTo('PATCH', /\/api\/sequences\//).map((c) => [c.path, c.body])).toEqual([
      ['/api/sequences/s_1', { active: false }],
      ['/api/sequences/s_1', { active: true }],
    ]);
  });

  it('/ focuses the search; keys typed there are text, not shortcuts; ? lists the keys', async () => {
    const onOpen = vi.fn();
    renderWithServer(<SequenceList onOpen={onOpen} />, server);
    await screen.findByText('Webinar follow-up');
    key('/');
    const search = screen.getByRole('searchbox', { name: 'Search sequences by name' });
    expect(document.activeElement).toBe(search);
    key('j', search);
    key('p', search);
    key('Enter', search);
    expect(current()).toBe('Q3 Outreach');
    expect(onOpen).not.toHaveBeenCalled();
    expect(server.callsTo('PATCH', /\/api\/sequences\//)).toEqual([]);
    key('?');
    const help = await screen.findByRole('dialog', { name: 'Keyboard shortcuts: Sequences' });
    expect(within(help).getByText(/Pause \(deactivate\) or resume/)).toBeTruthy();
    expect(within(help).getByText('Search sequences')).toBeTruthy();
  });
});
