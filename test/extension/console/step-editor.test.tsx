import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { SequenceDetail } from '../../../extension/ui/console/sequences/sequence-detail';
import { type FakeServer, fakeServer, renderWithServer, reply } from './fake-server';
import { contact, contactsRoute, enrollment, page, sequence } from './fixtures';
import { loadEditor, retype } from './rich-text/editor-driver';

afterEach(cleanup);
beforeAll(loadEditor, 30_000);

let server: FakeServer;
beforeEach(() => {
  server = fakeServer()
    .on('GET', /^\/api\/sequences\/s_1$/, () => sequence())
    .on('GET', /^\/api\/snippets$/, () =>
      page([
        {
          id: 'sn_1',
          name: 'pitch',
          body: 'We help teams like {{company}}.',
          ownerId: null,
          createdAt: 'x',
          updatedAt: 'x',
        },
      ]),
    )
    .on('GET', /^\/api\/me$/, () => ({
      id: 'u_rep',
      email: 'casey@acme.test',
      name: 'Casey Rep',
      role: 'rep',
    }))
    .on('GET', /^\/api\/mailboxes$/, () => page([]))
    .on('GET', /^\/api\/enrollments$/, () => page([enrollment()]))
    .on('GET', /^\/api\/contacts$/, contactsRoute([contact()]))
    .on('POST', /^\/api\/preflight$/, (call) => {
      const body = (call.body as { body: string }).body;
      return body.includes('{{title}}')
        ? { ok: true, reasons: [] }
        : {
            ok: false,
            reasons: [
              {
                code: 'unverified_email',
                message:
                  'This would be the first email to an address nobody has verified, so it was held back.',
                resolution: 'Verify the address, or retry with force send if you trust it.',
              },
            ],
          };
    });
});

async function openSteps() {
  renderWithServer(<SequenceDetail id="s_1" onOpen={() => {}} onBack={() => {}} />, server);
  const step = await screen.findByRole('region', { name: 'Step 1' });
  return within(step);
}

function typeAtEnd(el: HTMLElement, value: string) {
  fireEvent.change(el, { target: { value, selectionStart: value.length, selectionEnd: value.length } });
}

// Each test mounts ProseMirror editors, slow in jsdom on a shared 2-core machine.
describe('step editor', { timeout: 20_000 }, () => {
  it('offers variables, custom fields and snippets after {{ and inserts the chosen one from the keyboard', async () => {
    const step = await openSteps();
    // The snippets and the preview contact (whose custom fields are offered) have loaded.
    await screen.findByText('Ada Lovelace');
    const subject = step.getByRole('combobox', { name: 'Subject' });

    typeAtEnd(subject, 'Hello {{sn');
    const list = await screen.findByRole('listbox', { name: 'Insert into Subject' });
    expect(
      within(list)
        .getAllByRole('option')
        .map((o) => o.textContent),
    ).toEqual(['{{snippet.pitch}}']);
    fireEvent.keyDown(subject, { key: 'Enter' });
    expect((subject as HTMLInputElement).value).toBe('Hello {{snippet.pitch}}');
    expect(subject.getAttribute('aria-expanded')).toBe('false');

    typeAtEnd(subject, 'Hi {{');
    const options = within(screen.getByRole('listbox', { name: 'Insert into Subject' })).getAllByRole(
      'option',
    );
    expect(options.map((o) => o.textContent)).toEqual(
      expect.arrayContaining(['{{firstName}}', '{{company}}', '{{fields.plan}}', '{{snippet.pitch}}']),
    );
    fireEvent.keyDown(subject, { key: 'ArrowDown' });
    expect(options[1]?.getAttribute('aria-selected')).toBe('true');
    expect(subject.getAttribute('aria-activedescendant')).toBe(options[1]?.id);
    fireEvent.keyDown(subject, { key: 'Tab' });
    expect((subject as HTMLInputElement).value).toBe(`Hi ${options[1]?.textContent}`);

    typeAtEnd(subject, 'Hi {{pl');
    fireEvent.keyDown(subject, { key: 'Escape' });
    expect(subject.getAttribute('aria-expanded')).toBe('false');
    expect((subject as HTMLInputElement).value).toBe('Hi {{pl');
  });

  it('flags an unclosed {{ as it is typed and will not save until it is fixed', async () => {
    const step = await openSteps();
    const body = await step.findByRole('combobox', { name: 'Body' });
    retype(body, 'Hi {{firstName, are you free?');
    expect(step.getByText(/Unclosed "\{\{": add "\}\}" after the variable name\./)).toBeTruthy();
    expect(body.getAttribute('aria-invalid')).toBe('true');
    expect(screen.getByRole('button', { name: 'Save changes' }).hasAttribute('disabled')).toBe(true);
    expect(screen.getByText('Step 1 has a problem to fix.')).toBeTruthy();

    retype(body, 'Hi {{firstName}}, are you free?');
    expect(step.queryByText(/Unclosed/)).toBeNull();
    expect(screen.getByRole('button', { name: 'Save changes' }).hasAttribute('disabled')).toBe(false);
  });

  it('previews the step for the first enrolled contact and shows why the server would not send it', async () => {
    const step = await openSteps();
    const preview = within(await screen.findByRole('region', { name: 'Live preview' }));
    await waitFor(() => expect(preview.getByText('Hello Ada')).toBeTruthy());
    expect(preview.getByText('Hi Ada, a question about Acme.')).toBeTruthy();
    const reason = await waitFor(() => {
      const el = document.querySelector('[data-console-reason="unverified_email"]');
      if (!el) throw new Error('no reason yet');
      return el;
    });
    expect(reason.textContent).toContain('Verify the address');
    expect(server.callsTo('POST', '/api/preflight')[0]?.body).toEqual({
      contactId: 'c_ada',
      sequenceId: 's_1',
      stepId: 'st_1',
      subject: 'Hello {{firstName}}',
      body: 'Hi {{firstName}}, a question about {{company}}.',
    });

    // An edit re-renders at once; a gap stays marked; the server is asked again about the new text.
    retype(
      await step.findByRole('combobox', { name: 'Body' }),
      'Dear {{title}} {{lastName}} at {{fields.missing}}',
    );
    // The body is HTML now: the preview shows it formatted, gaps still marked.
    expect((await preview.findByText('{{fields.missing}}')).tagName).toBe('MARK');
    expect(document.querySelector('[data-console-preview-body]')?.textContent).toBe(
      'Dear CTO Lovelace at {{fields.missing}}',
    );
    await waitFor(() =>
      expect(document.querySelector('[data-console-preflight]')?.getAttribute('data-console-preflight')).toBe(
        'ok',
      ),
    );
    expect(server.callsTo('POST', '/api/preflight').at(-1)?.body).toMatchObject({
      body: '<p>Dear {{title}} {{lastName}} at {{fields.missing}}</p>',
    });
  });

  it("saves the steps with their ids and shows the server's refusal per field", async () => {
    server.on('PATCH', /^\/api\/sequences\/s_1$/, () =>
      reply(400, {
        error: {
          code: 'validation_failed',
          message: 'steps.0.body: Unknown variable {{frstName}}.',
          details: [
            {
              path: 'steps.0.body',
              message: 'Unknown variable {{frstName}}. Did you mean {{firstName}}?',
              index: 3,
            },
          ],
        },
      }),
    );
    const step = await openSteps();
    retype(await step.findByRole('combobox', { name: 'Body' }), 'Hi {{firstName}}!');
    fireEvent.click(screen.getByRole('button', { name: 'Save changes' }));
    const alert = await screen.findByText('One field needs fixing.');
    expect(alert.closest('[role="alert"]')?.textContent).toContain(
      'Step 1 · Body: Unknown variable {{frstName}}. Did you mean {{firstName}}?',
    );
    const sent = server.callsTo('PATCH', '/api/sequences/s_1')[0]?.body as { steps: unknown[] };
    expect(sent.steps).toEqual([
      {
        id: 'st_1',
        type: 'auto_email',
        waitMinutes: 0,
        subject: 'Hello {{firstName}}',
        body: '<p>Hi {{firstName}}!</p>',
        threadMode: 'new_thread',
        active: true,
      },
    ]);
  });
});
