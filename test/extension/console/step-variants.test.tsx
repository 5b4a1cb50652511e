import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { SequenceDetail } from '../../../extension/ui/console/sequences/sequence-detail';
import { fakeServer, renderWithServer } from './fake-server';
import { contact, contactsRoute, enrollment, page, sequence } from './fixtures';
import { loadEditor, retype } from './rich-text/editor-driver';

afterEach(cleanup);
beforeAll(loadEditor, 30_000);

function serverWith(seq = sequence()) {
  return fakeServer()
    .on('GET', /^\/api\/sequences\/s_1$/, () => seq)
    .on('GET', /^\/api\/snippets$/, () => page([]))
    .on('GET', /^\/api\/me$/, () => ({
      id: 'u_rep',
      email: 'casey@acme.test',
      name: 'Casey Rep',
      role: 'rep',
    }))
    .on('GET', /^\/api\/mailboxes$/, () => page([]))
    .on('GET', /^\/api\/enrollments$/, () => page([enrollment()]))
    .on('GET', /^\/api\/contacts$/, contactsRoute([contact()]))
    .on('POST', /^\/api\/preflight$/, () => ({ ok: true, reasons: [] }))
    .on('PATCH', /^\/api\/sequences\/s_1$/, () => seq);
}

// Each test mounts ProseMirror editors, slow in jsdom on a shared 2-core machine.
describe('A/B versions in the step editor', { timeout: 20_000 }, () => {
  it('starts a test from the step text, flags an empty version, and saves the versions with weights', async () => {
    const server = serverWith();
    renderWithServer(<SequenceDetail id="s_1" onOpen={() => {}} onBack={() => {}} />, server);
    const step = within(await screen.findByRole('region', { name: 'Step 1' }));
    fireEvent.click(step.getByRole('button', { name: 'Test two versions (A/B)' }));
    const a = within(step.getByRole('region', { name: 'Variant A' }));
    const b = within(step.getByRole('region', { name: 'Variant B' }));
    // Version A copies the step, so the test starts from what was already running.
    expect((await a.findByRole('combobox', { name: 'Variant A body' })).textContent).toBe(
      'Hi {{firstName}}, a question about {{company}}.',
    );
    expect(b.getByText('This version has no body: write one or remove it.')).toBeTruthy();
    expect(a.getByText('50% of new contacts')).toBeTruthy();

    retype(await b.findByRole('combobox', { name: 'Variant B body' }), 'Short one, {{firstName}}?');
    fireEvent.change(b.getByRole('spinbutton', { name: 'Weight' }), { target: { value: '3' } });
    await waitFor(() => expect(a.getByText('25% of new contacts')).toBeTruthy());
    fireEvent.click(screen.getByRole('button', { name: 'Save changes' }));
    await waitFor(() => expect(server.callsTo('PATCH', '/api/sequences/s_1')).toHaveLength(1));
    const sent = server.callsTo('PATCH', '/api/sequences/s_1')[0]?.body as { steps: { variants: unknown }[] };
    expect(sent.steps[0]?.variants).toEqual([
      {
        subject: 'Hello {{firstName}}',
        body: 'Hi {{firstName}}, a question about {{company}}.',
        weight: 1,
        active: true,
      },
      { subject: null, body: '<p>Short one, {{firstName}}?</p>', weight: 3, active: true },
    ]);
  });

  it('pauses a version (picking the winner) and keeps its id', async () => {
    const base = sequence();
    const seq = {
      ...base,
      steps: base.steps.map((s) => ({
        ...s,
        variants: [
          { id: 'var_a', subject: null, body: 'Version A', weight: 1, active: true },
          { id: 'var_b', subject: 'Other subject', body: 'Version B', weight: 1, active: true },
        ],
      })),
    };
    const server = serverWith(seq);
    renderWithServer(<SequenceDetail id="s_1" onOpen={() => {}} onBack={() => {}} />, server);
    const step = within(await screen.findByRole('region', { name: 'Step 1' }));
    const a = within(step.getByRole('region', { name: 'Variant A' }));
    fireEvent.click(a.getByRole('checkbox', { name: 'Takes new contacts' }));
    expect(a.getByText('Paused')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Save changes' }));
    await waitFor(() => expect(server.callsTo('PATCH', '/api/sequences/s_1')).toHaveLength(1));
    const sent = server.callsTo('PATCH', '/api/sequences/s_1')[0]?.body as { steps: { variants: unknown }[] };
    expect(sent.steps[0]?.variants).toEqual([
      { id: 'var_a', subject: null, body: 'Version A', weight: 1, active: false },
      { id: 'var_b', subject: 'Other subject', body: 'Version B', weight: 1, active: true },
    ]);
  });
});
