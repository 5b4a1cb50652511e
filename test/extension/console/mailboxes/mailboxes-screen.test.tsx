import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import axe from 'axe-core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { MailboxDto } from '../../../../extension/ui/console/api-schemas';
import { MailboxesScreen } from '../../../../extension/ui/console/mailboxes/mailboxes-screen';
import { type FakeServer, fakeServer, NOW, renderWithServer, reply } from '../fake-server';
import { page } from '../fixtures';

afterEach(cleanup);

const minutesAgo = (n: number) => new Date(NOW.getTime() - n * 60_000).toISOString();

const mailbox = (o: Partial<MailboxDto> & { id: string; address: string }): MailboxDto => ({
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
  sync: { state: 'ok', lastSyncedAt: minutesAgo(4) },
  rampUp: null,
  minGapSeconds: 0,
  recipientDomainDailyLimit: null,
  timezone: 'UTC',
  effectiveDailyLimit: 50,
  aliases: [],
  ...o,
});

let boxes: MailboxDto[];
let server: FakeServer;
beforeEach(() => {
  boxes = [
    mailbox({
      id: 'mb_ok',
      address: 'dana@acme.test',
      rampUp: { startPerDay: 10, increasePerDay: 5, startedOn: '2025-03-01' },
      effectiveDailyLimit: 20,
      rampUpReachesLimitOn: '2025-03-09',
      minGapSeconds: 60,
      recipientDomainDailyLimit: 5,
      aliases: ['old@acme.test'],
      learnedAliases: ['desk@brand.test'],
    }),
    mailbox({ id: 'mb_off', address: 'relay@acme.test', provider: 'smtp', sync: { state: 'off' } }),
    mailbox({ id: 'mb_new', address: 'new@acme.test', provider: 'outlook', sync: { state: 'syncing' } }),
    mailbox({
      id: 'mb_err',
      address: 'imap@acme.test',
      provider: 'smtp',
      settingsHints: {
        host: 'smtp.acme.test',
        port: 587,
        imapHost: 'imap.acme.test',
        imapPort: 993,
        imapSecure: true,
        imapHasPassword: true,
      },
      sync: {
        state: 'error',
        lastSyncedAt: minutesAgo(180),
        error: 'Could not read the mailbox over IMAP at imap.acme.test: ECONNREFUSED',
      },
    }),
    mailbox({
      id: 'mb_revoked',
      address: 'gone@acme.test',
      status: 'inactive',
      inactiveReason: 'the Gmail API refused access',
      sync: { state: 'error', error: 'the Gmail API refused access to the mailbox (invalid_grant).' },
      aliases: ['desk@acme.test'],
      learnedAliases: ['sales@brand.test'],
    }),
  ];
  server = fakeServer()
    .on('GET', /^\/api\/mailboxes$/, () => page(boxes))
    .on('POST', /^\/api\/mailboxes$/, (call) => {
      const body = call.body as { address: string; provider: MailboxDto['provider'] };
      const created = mailbox({
        id: `mb_created${boxes.length}`,
        address: body.address,
        provider: body.provider,
      });
      boxes.push(created);
      return created;
    })
    .on('PATCH', /^\/api\/mailboxes\/(\w+)$/, (_call, m) => boxes.find((b) => b.id === m[1]));
});

const card = async (address: string) => within(await screen.findByRole('region', { name: address }));

describe('Mailboxes tab', () => {
  it('says in words whether each mailbox is read, when it last was, and what to do when it fails', async () => {
    renderWithServer(<MailboxesScreen />, server);
    const ok = await card('dana@acme.test');
    expect(ok.getByText('Up to date')).toBeTruthy();
    expect(ok.getByText(/stop or pause sequences by themselves; last synced 4 min ago/)).toBeTruthy();

    const off = await card('relay@acme.test');
    expect(off.getByText('Off')).toBeTruthy();
    expect(off.getByText(/Add the IMAP server under “Edit settings”/)).toBeTruthy();

    const first = await card('new@acme.test');
    expect(first.getByText('Syncing')).toBeTruthy();
    expect(first.getByText('Reading the mailbox for the first time.')).toBeTruthy();

    const failing = await card('imap@acme.test');
    expect(failing.getByText('Sync failed')).toBeTruthy();
    expect(
      failing.getByText(
        'Could not read the mailbox over IMAP at imap.acme.test: ECONNREFUSED. Stride tries again in a few minutes; if it keeps failing, check the IMAP settings under “Edit settings”. Before that, last synced 3 hours ago.',
      ),
    ).toBeTruthy();

    const revoked = await card('gone@acme.test');
    expect(revoked.getByText(/\(invalid_grant\)\. Fix it with “Reconnect”\./)).toBeTruthy();
    // No state code is shown to a person.
    expect(document.body.textContent).not.toMatch(/\b(ok|off|syncing|error)\b(?! )/);
  });

  it("shows today's ramp-up limit, the day it reaches the daily limit, the gap and the domain cap", async () => {
    renderWithServer(<MailboxesScreen />, server);
    const ok = await card('dana@acme.test');
    expect(ok.getByText(/^20 today \(ramping up, 50 from Mar 9, 2025\)$/)).toBeTruthy();
    expect(ok.getByText('at least 60 s between sends · at most 5 a day to one domain')).toBeTruthy();
    const off = await card('relay@acme.test');
    expect(off.getByText('50 today')).toBeTruthy();
    expect(off.getByText('no gap between sends')).toBeTruthy();
  });

  it('the link form proposes ramp-up (10, +5 a day) and a 60 s gap, takes IMAP settings for SMTP, and both can be switched off', {
    timeout: 30_000,
  }, async () => {
    renderWithServer(<MailboxesScreen />, server);
    fireEvent.click(await screen.findByRole('button', { name: 'Link a mailbox' }));
    const dialog = within(await screen.findByRole('dialog'));
    fireEvent.click(dialog.getByRole('radio', { name: 'Other (SMTP)' }));
    expect((dialog.getByLabelText('Emails on the first day') as HTMLInputElement).value).toBe('10');
    expect((dialog.getByLabelText('More each day') as HTMLInputElement).value).toBe('5');
    expect((dialog.getByLabelText('Seconds between two sends') as HTMLInputElement).value).toBe('60');
    const type = (label: string, value: string) =>
      fireEvent.change(dialog.getByLabelText(label), { target: { value } });
    type('Email address', 'dana@acme.test');
    type('SMTP server', 'smtp.acme.test');
    type('Password', 'app-password');
    type('Most emails a day to one company domain', '4');

    // IMAP is on by default for SMTP and needs its server.
    fireEvent.click(dialog.getByRole('button', { name: 'Link mailbox' }));
    expect(
      await dialog.findByText('Enter the IMAP server, like imap.example.com, or switch reading off.'),
    ).toBeTruthy();
    expect(server.callsTo('POST', '/api/mailboxes')).toHaveLength(0);
    type('IMAP server', 'imap.acme.test');
    type('IMAP password', 'imap-password');
    fireEvent.click(dialog.getByRole('button', { name: 'Link mailbox' }));
    await waitFor(() => expect(server.callsTo('POST', '/api/mailboxes')).toHaveLength(1));
    expect(server.callsTo('POST', '/api/mailboxes')[0]?.body).toEqual({
      provider: 'smtp',
      address: 'dana@acme.test',
      dailyLimit: 50,
      hourlyLimit: 6,
      settings: {
        host: 'smtp.acme.test',
        port: 587,
        secure: false,
        password: 'app-password',
        imap: { host: 'imap.acme.test', port: 993, secure: true, password: 'imap-password' },
      },
      rampUp: { startPerDay: 10, increasePerDay: 5 },
      minGapSeconds: 60,
      recipientDomainDailyLimit: 4,
    });

    fireEvent.click(await screen.findByRole('button', { name: 'Link a mailbox' }));
    const again = within(await screen.findByRole('dialog'));
    fireEvent.click(again.getByRole('radio', { name: 'Sandbox (testing)' }));
    expect((again.getByLabelText('Seconds between two sends') as HTMLInputElement).value).toBe('0');
    fireEvent.change(again.getByLabelText('Email address'), { target: { value: 'qa@acme.test' } });
    fireEvent.click(again.getByRole('checkbox', { name: 'Ramp up slowly (warm-up)' }));
    expect(again.queryByLabelText('Emails on the first day')).toBeNull();
    fireEvent.click(again.getByRole('button', { name: 'Link mailbox' }));
    await waitFor(() => expect(server.callsTo('POST', '/api/mailboxes')).toHaveLength(2));
    expect(server.callsTo('POST', '/api/mailboxes')[1]?.body).toMatchObject({
      provider: 'sandbox',
      rampUp: null,
      minGapSeconds: 0,
      recipientDomainDailyLimit: null,
    });
  });

  it('editing keeps the stored IMAP password unless a new one is typed, and sends settings only when IMAP changed', async () => {
    renderWithServer(<MailboxesScreen />, server);
    const failing = await card('imap@acme.test');
    fireEvent.click(failing.getByRole('button', { name: 'Edit settings' }));
    const dialog = within(await screen.findByRole('dialog'));
    expect((dialog.getByLabelText('IMAP server') as HTMLInputElement).value).toBe('imap.acme.test');
    expect(dialog.getByText('Leave empty to keep the stored one')).toBeTruthy();
    fireEvent.change(dialog.getByLabelText('Emails per day'), { target: { value: '40' } });
    fireEvent.click(dialog.getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(server.callsTo('PATCH', '/api/mailboxes/mb_err')).toHaveLength(1));
    const limitsOnly = server.callsTo('PATCH', '/api/mailboxes/mb_err')[0]?.body as Record<string, unknown>;
    expect(limitsOnly).toMatchObject({ dailyLimit: 40, rampUp: null, minGapSeconds: 0 });
    expect(limitsOnly.settings).toBeUndefined();

    fireEvent.click((await card('imap@acme.test')).getByRole('button', { name: 'Edit settings' }));
    const edit = within(await screen.findByRole('dialog'));
    fireEvent.change(edit.getByLabelText('IMAP server'), { target: { value: 'mail.acme.test' } });
    fireEvent.change(edit.getByLabelText('IMAP port'), { target: { value: '143' } });
    fireEvent.click(edit.getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(server.callsTo('PATCH', '/api/mailboxes/mb_err')).toHaveLength(2));
    expect(
      (server.callsTo('PATCH', '/api/mailboxes/mb_err')[1]?.body as { settings?: unknown } | undefined)
        ?.settings,
    ).toEqual({
      imap: { host: 'mail.acme.test', port: 143, secure: false },
    });
  });

  it('edits the aliases: shows stored and learned ones, refuses a bad address beside the field, sends the list', async () => {
    renderWithServer(<MailboxesScreen />, server);
    fireEvent.click((await card('dana@acme.test')).getByRole('button', { name: 'Edit settings' }));
    const dialog = within(await screen.findByRole('dialog'));
    const field = dialog.getByLabelText('Other addresses you send from (aliases)') as HTMLTextAreaElement;
    expect(field.value).toBe('old@acme.test');
    expect(dialog.getByText(/Already known from the provider: desk@brand\.test/)).toBeTruthy();

    fireEvent.change(field, { target: { value: 'sales@acme.test, sales desk' } });
    expect(
      dialog.getByText('“sales”, “desk” are not email addresses: write each like sales@acme.com.'),
    ).toBeTruthy();
    expect(field.getAttribute('aria-invalid')).toBe('true');
    fireEvent.click(dialog.getByRole('button', { name: 'Save' }));
    expect(server.callsTo('PATCH', '/api/mailboxes/mb_ok')).toHaveLength(0);

    fireEvent.change(field, { target: { value: 'sales@acme.test,\nteam@acme.test' } });
    expect(field.getAttribute('aria-invalid')).toBeNull();
    fireEvent.click(dialog.getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(server.callsTo('PATCH', '/api/mailboxes/mb_ok')).toHaveLength(1));
    expect(
      (server.callsTo('PATCH', '/api/mailboxes/mb_ok')[0]?.body as { settings?: unknown } | undefined)
        ?.settings,
    ).toEqual({
      aliases: ['sales@acme.test', 'team@acme.test'],
    });

    // Emptying the field clears the stored list; the server's 400 on one entry lands beside the field.
    server.on('PATCH', /^\/api\/mailboxes\/mb_ok$/, () =>
      reply(400, {
        error: {
          code: 'validation_failed',
          message: 'invalid body',
          details: [{ path: 'settings.aliases.1', message: 'Invalid email address' }],
        },
      }),
    );
    fireEvent.click((await card('dana@acme.test')).getByRole('button', { name: 'Edit settings' }));
    const again = within(await screen.findByRole('dialog'));
    const box = again.getByLabelText('Other addresses you send from (aliases)');
    fireEvent.change(box, { target: { value: 'a@acme.test\nb@acme.test' } });
    fireEvent.click(again.getByRole('button', { name: 'Save' }));
    expect(await again.findByText('“b@acme.test”: Invalid email address')).toBeTruthy();
    expect(box.getAttribute('aria-invalid')).toBe('true');
    fireEvent.change(box, { target: { value: '' } });
    fireEvent.click(again.getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(server.callsTo('PATCH', '/api/mailboxes/mb_ok')).toHaveLength(3));
    expect(
      (server.callsTo('PATCH', '/api/mailboxes/mb_ok')[2]?.body as { settings?: unknown } | undefined)
        ?.settings,
    ).toEqual({
      aliases: null,
    });
  });

  it('reconnecting shows the aliases in the same field and keeps them: sent with new credentials, alone when edited, cleared only when emptied', async () => {
    server.on('POST', /^\/api\/mailboxes\/(\w+)\/reconnect$/, (_call, m) => ({
      ...boxes.find((b) => b.id === m[1]),
      status: 'active',
    }));
    renderWithServer(<MailboxesScreen />, server);
    const calls = () => server.callsTo('POST', '/api/mailboxes/mb_revoked/reconnect');
    const open = async () => {
      fireEvent.click((await card('gone@acme.test')).getByRole('button', { name: 'Reconnect' }));
      const dialog = within(await screen.findByRole('dialog', { name: 'Reconnect gone@acme.test' }));
      const field = dialog.getByLabelText('Other addresses you send from (aliases)') as HTMLTextAreaElement;
      return { dialog, field };
    };

    // Only the connection dropped: the stored settings, aliases included, are used as they are.
    const first = await open();
    expect(first.field.value).toBe('desk@acme.test');
    expect(first.dialog.getByText(/Already known from the provider: sales@brand\.test/)).toBeTruthy();
    fireEvent.click(first.dialog.getByRole('button', { name: 'Reconnect' }));
    await waitFor(() => expect(calls()).toHaveLength(1));
    expect(calls()[0]?.body ?? {}).toEqual({});

    // New credentials: the aliases go with them, so nothing the rep set is lost.
    const second = await open();
    fireEvent.click(second.dialog.getByRole('checkbox', { name: /Enter new credentials/ }));
    fireEvent.change(second.dialog.getByLabelText('Access token'), { target: { value: 'ya29.new' } });
    fireEvent.click(second.dialog.getByRole('button', { name: 'Reconnect' }));
    await waitFor(() => expect(calls()).toHaveLength(2));
    expect(calls()[1]?.body).toEqual({ settings: { accessToken: 'ya29.new', aliases: ['desk@acme.test'] } });

    // Edited here without new credentials: a bad address stops it beside the field; the list goes alone.
    const third = await open();
    fireEvent.change(third.field, { target: { value: 'desk@acme.test\nsales desk' } });
    expect(
      third.dialog.getByText('“sales”, “desk” are not email addresses: write each like sales@acme.com.'),
    ).toBeTruthy();
    expect(third.field.getAttribute('aria-invalid')).toBe('true');
    fireEvent.click(third.dialog.getByRole('button', { name: 'Reconnect' }));
    expect(calls()).toHaveLength(2);
    fireEvent.change(third.field, { target: { value: 'desk@acme.test\nteam@acme.test' } });
    fireEvent.click(third.dialog.getByRole('button', { name: 'Reconnect' }));
    await waitFor(() => expect(calls()).toHaveLength(3));
    expect(calls()[2]?.body).toEqual({ settings: { aliases: ['desk@acme.test', 'team@acme.test'] } });

    // Emptied on purpose: cleared, also with new credentials.
    const fourth = await open();
    fireEvent.change(fourth.field, { target: { value: '' } });
    fireEvent.click(fourth.dialog.getByRole('checkbox', { name: /Enter new credentials/ }));
    fireEvent.change(fourth.dialog.getByLabelText('Access token'), { target: { value: 'ya29.newer' } });
    fireEvent.click(fourth.dialog.getByRole('button', { name: 'Reconnect' }));
    await waitFor(() => expect(calls()).toHaveLength(4));
    expect(calls()[3]?.body).toEqual({ settings: { accessToken: 'ya29.newer', aliases: null } });
  });

  it('the reconnect dialog with its aliases field has no serious accessibility findings (axe)', async () => {
    renderWithServer(<MailboxesScreen />, server);
    fireEvent.click((await card('gone@acme.test')).getByRole('button', { name: 'Reconnect' }));
    const dialog = within(await screen.findByRole('dialog'));
    fireEvent.click(dialog.getByRole('checkbox', { name: /Enter new credentials/ }));
    const result = await axe.run(document.body, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'best-practice'] },
      rules: { 'color-contrast': { enabled: false }, region: { enabled: false } },
    });
    const serious = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
    expect(serious.map((v) => `${v.id}: ${v.help}`)).toEqual([]);
  });

  it('the link form sends typed aliases as settings.aliases', async () => {
    renderWithServer(<MailboxesScreen />, server);
    fireEvent.click(await screen.findByRole('button', { name: 'Link a mailbox' }));
    const dialog = within(await screen.findByRole('dialog'));
    fireEvent.click(dialog.getByRole('radio', { name: 'Sandbox (testing)' }));
    fireEvent.change(dialog.getByLabelText('Email address'), { target: { value: 'qa@acme.test' } });
    fireEvent.change(dialog.getByLabelText('Other addresses you send from (aliases)'), {
      target: { value: 'qa.team@acme.test; hello@acme.test' },
    });
    fireEvent.click(dialog.getByRole('button', { name: 'Link mailbox' }));
    await waitFor(() => expect(server.callsTo('POST', '/api/mailboxes')).toHaveLength(1));
    expect(server.callsTo('POST', '/api/mailboxes')[0]?.body).toMatchObject({
      provider: 'sandbox',
      settings: { aliases: ['qa.team@acme.test', 'hello@acme.test'] },
    });
  });

  it('has no serious accessibility findings, cards and link dialog open (axe, layout rules aside)', async () => {
    renderWithServer(<MailboxesScreen />, server);
    await card('dana@acme.test');
    fireEvent.click(screen.getByRole('button', { name: 'Link a mailbox' }));
    const dialog = within(await screen.findByRole('dialog'));
    fireEvent.click(dialog.getByRole('radio', { name: 'Other (SMTP)' }));
    const result = await axe.run(document.body, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'best-practice'] },
      rules: { 'color-contrast': { enabled: false }, region: { enabled: false } },
    });
    const serious = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
    expect(serious.map((v) => `${v.id}: ${v.help}`)).toEqual([]);
  });
});
