import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { ContactPanel } from '../../extension/ui/contact-panel/contact-panel';
import { enrollment } from './helpers/fake-api';
import { startFakeExtension, tick } from './helpers/fake-extension';

afterEach(cleanup);

const panelRoot = () => document.querySelector('[data-stride="contact-panel"]') as HTMLElement;
const row = (id: string) => document.querySelector(`[data-stride-enrollment="${id}"]`) as HTMLElement;

describe('contact panel', () => {
  it('shows cached status at once, then the server’s', async () => {
    const ext = await startFakeExtension();
    await ext.client.request({ type: 'contact.lookup', email: 'dana@acme.test', mode: 'server' });
    ext.api.state.enrollments[0]!.currentStep = 3;
    const release = ext.api.hold();
    render(<ContactPanel client={ext.client} email="dana@acme.test" name="Dana Lee" />);

    await waitFor(() => expect(panelRoot().dataset.strideSource).toBe('cache'));
    expect(screen.getByRole('heading', { name: 'Dana Lee' })).toBeTruthy();
    expect(within(row('e_1')).getByText('Step 2')).toBeTruthy();

    release();
    await waitFor(() => expect(panelRoot().dataset.strideSource).toBe('server'));
    expect(within(row('e_1')).getByText('Step 3')).toBeTruthy();
  });

  it('shows warnings inline and enrolls anyway on request', async () => {
    const ext = await startFakeExtension();
    render(<ContactPanel client={ext.client} email="dana@acme.test" />);
    const select = await screen.findByLabelText('Sequence');
    // Inactive sequences are not offered.
    expect(within(select).queryByText('Retired')).toBeNull();
    fireEvent.change(select, { target: { value: 's_renewal' } });
    fireEvent.click(screen.getByRole('button', { name: 'Enroll in Renewal' }));

    const warning = await screen.findByText(/Already in another sequence/);
    expect(warning.closest('[data-stride-warning]')?.getAttribute('data-stride-warning')).toBe(
      'already_in_another_sequence',
    );
    expect(document.querySelector('[data-stride-enrollment^="pending:"]')).toBeNull();

    fireEvent.click(screen.getByRole('button', { name: 'Enroll anyway' }));
    await waitFor(() => expect(row('e_2')?.dataset.strideStatus).toBe('active'));
    expect(within(row('e_2')).getByText('Renewal')).toBeTruthy();
    expect(ext.api.callsTo('POST', '/api/sequences/s_renewal/enrollments').map((c) => c.body)).toEqual([
      { contactIds: ['c_dana'] },
      { contactIds: ['c_dana'], skipValidation: true },
    ]);
  });

  it('pauses optimistically and rolls back with a clear message when the server refuses', async () => {
    const ext = await startFakeExtension();
    render(<ContactPanel client={ext.client} email="dana@acme.test" />);
    await waitFor(() => expect(row('e_1')?.dataset.strideStatus).toBe('active'));

    ext.api.override('POST', /\/pause$/, () => ({
      status: 409,
      body: { error: { code: 'conflict', message: 'The enrollment already finished.' } },
    }));
    const release = ext.api.hold();
    fireEvent.click(screen.getByRole('button', { name: 'Pause Onboarding' }));
    await waitFor(() => expect(row('e_1').dataset.strideStatus).toBe('paused'));
    act(() => release());

    await waitFor(() => expect(row('e_1').dataset.strideStatus).toBe('active'));
    expect(screen.getByRole('alert').textContent).toBe(
      "Couldn't pause Onboarding: The enrollment already finished. Nothing was changed.",
    );
  });

  it('pauses until a date, resumes, and finishes with a reason', async () => {
    const ext = await startFakeExtension();
    render(<ContactPanel client={ext.client} email="dana@acme.test" />);
    await waitFor(() => expect(row('e_1')?.dataset.strideStatus).toBe('active'));

    fireEvent.click(screen.getByRole('button', { name: 'Pause Onboarding until a date' }));
    fireEvent.change(screen.getByLabelText('Resume on'), { target: { value: '2030-01-07' } });
    fireEvent.click(within(row('e_1')).getByRole('button', { name: 'Pause' }));
    await waitFor(() => expect(ext.api.callsTo('POST', '/api/enrollments/e_1/pause')).toHaveLength(1));
    expect(ext.api.callsTo('POST', '/api/enrollments/e_1/pause')[0]?.body).toEqual({
      resumeAt: new Date(2030, 0, 7, 9).toISOString(),
    });
    await waitFor(() => expect(within(row('e_1')).getByText(/Resumes/)).toBeTruthy());

    fireEvent.click(await screen.findByRole('button', { name: 'Resume Onboarding' }));
    await waitFor(() => expect(row('e_1').dataset.strideStatus).toBe('active'));
    await waitFor(() => expect(row('e_1').getAttribute('aria-busy')).toBeNull());

    fireEvent.click(screen.getByRole('button', { name: 'Finish Onboarding' }));
    fireEvent.change(screen.getByLabelText('Reason'), { target: { value: 'meeting_booked' } });
    fireEvent.click(within(row('e_1')).getByRole('button', { name: 'Finish' }));
    await waitFor(() => expect(row('e_1').dataset.strideStatus).toBe('finished'));
    expect(ext.api.callsTo('POST', '/api/enrollments/e_1/finish')[0]?.body).toEqual({
      reason: 'meeting_booked',
    });
    expect(within(row('e_1')).getByText('Finished: meeting booked')).toBeTruthy();
  });

  it('keeps an action’s expected result when a refresh lands while the server works', async () => {
    const ext = await startFakeExtension();
    render(<ContactPanel client={ext.client} email="dana@acme.test" />);
    await waitFor(() => expect(row('e_1')?.dataset.strideStatus).toBe('active'));

    const release = ext.api.hold();
    fireEvent.click(screen.getByRole('button', { name: 'Finish Onboarding' }));
    fireEvent.change(screen.getByLabelText('Reason'), { target: { value: 'replied' } });
    fireEvent.click(within(row('e_1')).getByRole('button', { name: 'Finish' }));
    await waitFor(() => expect(row('e_1').dataset.strideStatus).toBe('finished'));

    // The cache still says active; a change notice (say, from the previous action) re-reads it now.
    await act(async () => {
      ext.background.hub.broadcast({ type: 'changed', all: false, contactIds: ['c_dana'], emails: [] });
      await tick(30);
    });
    expect(row('e_1').dataset.strideStatus).toBe('finished');
    expect(row('e_1').getAttribute('aria-busy')).toBe('true');

    act(() => release());
    await waitFor(() => expect(row('e_1').getAttribute('aria-busy')).toBeNull());
    expect(row('e_1').dataset.strideStatus).toBe('finished');
    expect(ext.api.callsTo('POST', '/api/enrollments/e_1/finish')).toHaveLength(1);
  });

  it('removes an enrollment, and explains a stuck one with the catalog', async () => {
    const ext = await startFakeExtension();
    ext.api.state.enrollments.push(
      enrollment({ id: 'e_stuck', sequenceId: 's_renewal', status: 'not_sent' }),
    );
    ext.api.state.emails = [
      {
        id: 'm1',
        enrollmentId: 'e_stuck',
        status: 'not_sent',
        reason: 'likely_to_bounce',
        detail: '550 5.1.1',
      },
    ];
    render(<ContactPanel client={ext.client} email="dana@acme.test" />);
    const stuck = await waitFor(() => {
      const el = row('e_stuck')?.querySelector('[data-stride-stuck="likely_to_bounce"]');
      if (!el) throw new Error('not yet');
      return el;
    });
    expect(stuck.textContent).toContain('Likely to bounce.');
    expect(stuck.textContent).toContain('retry with force send');
    expect(stuck.textContent).toContain('550 5.1.1');

    // Removing asks first, with focus on the safe answer; Keep (or Escape) changes nothing.
    const remove = screen.getByRole('button', { name: 'Remove from Onboarding' });
    fireEvent.click(remove);
    const question = screen.getByRole('group', { name: /Remove from Onboarding\?/ });
    expect(document.activeElement?.textContent).toBe('Keep');
    fireEvent.keyDown(question, { key: 'Escape' });
    await waitFor(() =>
      expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Remove from Onboarding' })),
    );
    expect(ext.api.callsTo('DELETE', '/api/enrollments/e_1')).toHaveLength(0);

    fireEvent.click(screen.getByRole('button', { name: 'Remove from Onboarding' }));
    fireEvent.click(
      within(screen.getByRole('group', { name: /Remove from Onboarding\?/ })).getByRole('button', {
        name: 'Remove',
      }),
    );
    await waitFor(() => expect(row('e_1').dataset.strideStatus).toBe('removed'));
    expect(ext.api.callsTo('DELETE', '/api/enrollments/e_1')).toHaveLength(1);
  });

  it('offers to create an unknown contact', async () => {
    const ext = await startFakeExtension();
    render(<ContactPanel client={ext.client} email="lee@gamma.test" name="Lee Park" />);
    fireEvent.click(await screen.findByRole('button', { name: 'Create contact' }));
    expect(await screen.findByRole('heading', { name: 'Lee Park' })).toBeTruthy();
    expect(ext.api.callsTo('POST', '/api/contacts')[0]?.body).toEqual({
      email: 'lee@gamma.test',
      firstName: 'Lee',
      lastName: 'Park',
    });
    expect(screen.getByText('Not in any sequence.')).toBeTruthy();
  });

  it('says when the rep is signed out, and when the server is unreachable', async () => {
    const signedOut = await startFakeExtension({ signedIn: false });
    render(<ContactPanel client={signedOut.client} email="dana@acme.test" />);
    expect(await screen.findByText(/You're signed out of Stride/)).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Open Stride settings' })).toBeTruthy();
    cleanup();

    const ext = await startFakeExtension();
    await ext.client.request({ type: 'contact.lookup', email: 'dana@acme.test', mode: 'server' });
    ext.api.state.down = true;
    render(<ContactPanel client={ext.client} email="dana@acme.test" />);
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain("Can't reach the Stride server at http://stride.test.");
    // What was cached stays visible, marked as such.
    expect(screen.getByText('Showing what Stride saved earlier.')).toBeTruthy();
    expect(row('e_1').dataset.strideStatus).toBe('active');

    ext.api.state.down = false;
    fireEvent.click(screen.getByRole('button', { name: 'Try again' }));
    await waitFor(() => expect(screen.queryByRole('alert')).toBeNull());
  });

  it('refreshes when the background reports a change to this contact', async () => {
    const ext = await startFakeExtension();
    render(<ContactPanel client={ext.client} email="dana@acme.test" />);
    await waitFor(() => expect(row('e_1')?.dataset.strideStatus).toBe('active'));
    ext.api.override('POST', /\/api\/threads\/observe$/, () => {
      ext.api.state.enrollments[0]!.status = 'finished';
      ext.api.state.enrollments[0]!.finishedReason = 'replied';
      return { body: { events: [{ enrollmentId: 'e_1', kind: 'reply' }] } };
    });
    await ext.client.request({
      type: 'thread.observe',
      host: 'gmail',
      threadId: 't1',
      messages: [
        { from: 'dana@acme.test', to: ['rep@example.test'], date: new Date().toISOString(), text: 'Yes!' },
      ],
    });
    await waitFor(() => expect(row('e_1').dataset.strideStatus).toBe('finished'));
  });
});
