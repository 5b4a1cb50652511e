import { describe, expect, it } from 'vitest';
import { newId } from '../../../server/db/ids';
import { mailboxes, users } from '../../../server/db/schema';
import { useTestApp } from '../helpers/test-app';
import { backends } from '../helpers/test-database';

const codes = (body: { reasons: { code: string }[] }) => body.reasons.map((r) => r.code);

describe.each(backends)('POST /api/preflight on %s', (backend) => {
  const t = useTestApp(backend);

  const contact = async (body: Record<string, unknown>) => {
    const r = await t.call('POST', '/api/contacts', { body: { emailStatus: 'verified', ...body } });
    expect(r.status).toBe(201);
    return r.body.id as string;
  };

  it('a one-off email to a clean contact is fine, and its mailbox is the mail client itself', async () => {
    await contact({ email: 'clean@ok.test', firstName: 'Cleo' });
    const r = await t.call('POST', '/api/preflight', {
      body: { email: 'CLEAN@ok.test', subject: 'Hi {{firstName}}', body: 'Hello {{firstName}}' },
    });
    expect(r.status).toBe(200);
    expect(r.body).toEqual({ ok: true, reasons: [] });
  });

  it('returns every reason at once, each with a message and a resolution', async () => {
    await t.call('POST', '/api/blocklist', { body: { kind: 'domain', value: 'blocked-co.test' } });
    await contact({ email: 'vip@blocked-co.test', jobChangeDetected: undefined });
    const r = await t.call('POST', '/api/preflight', {
      body: {
        email: 'vip@blocked-co.test',
        subject: 'About {{company}}',
        body: '{{snippet.missing}} {{personalizedOpener}}',
      },
    });
    expect(r.status).toBe(200);
    expect(r.body.ok).toBe(false);
    expect(codes(r.body)).toEqual(
      expect.arrayContaining([
        'company_blocked',
        'missing_dynamic_variable',
        'missing_snippet',
        'personalized_opener_missing',
      ]),
    );
    for (const reason of r.body.reasons) {
      expect(reason.message).toEqual(expect.any(String));
      expect(reason.resolution).toEqual(expect.any(String));
    }
    expect(r.body.reasons.find((x: { code: string }) => x.code === 'missing_dynamic_variable').detail).toBe(
      'company',
    );
  });

  it('checks a recipient who is not a contact yet by address (blocklist, earlier bounces)', async () => {
    await t.call('POST', '/api/blocklist', { body: { kind: 'email', value: 'stranger@else.test' } });
    const blocked = await t.call('POST', '/api/preflight', { body: { email: 'stranger@else.test' } });
    expect(codes(blocked.body)).toEqual(['person_blocked']);
    const fine = await t.call('POST', '/api/preflight', { body: { email: 'nobody@else.test' } });
    expect(fine.body).toEqual({ ok: true, reasons: [] });
  });

  it('with a sequence: its ruleset applies, and a rep with no mailbox is told so', async () => {
    const id = await contact({ email: 'buyer@client.test', stage: 'Customer', country: 'DE' });
    const seq = await t.call('POST', '/api/sequences', {
      body: {
        name: 'Guarded',
        ruleset: { blockedContactStages: ['customer'], gdprBlockEu: true },
        steps: [{ type: 'auto_email', waitMinutes: 0, subject: 'Hi', body: 'Hello' }],
      },
    });
    expect(seq.status).toBe(201);
    const step = seq.body.steps[0].id;
    const r = await t.call('POST', '/api/preflight', {
      body: { contactId: id, sequenceId: seq.body.id, stepId: step },
    });
    expect(codes(r.body)).toEqual(
      expect.arrayContaining(['blocked_contact_stage', 'gdpr_location_blocked', 'no_send_from_mailbox']),
    );

    const me = (await t.call('GET', '/api/me')).body;
    const [row] = await t.db.database.db.select().from(users);
    await t.db.database.db.insert(mailboxes).values({
      id: newId('mbx'),
      teamId: row!.teamId,
      userId: me.id,
      provider: 'sandbox',
      address: 'me@sender.test',
      status: 'inactive',
      inactiveReason: 'invalid_grant',
    });
    const again = await t.call('POST', '/api/preflight', {
      body: { contactId: id, sequenceId: seq.body.id },
    });
    expect(codes(again.body)).toContain('mailbox_inactive');
    expect(codes(again.body)).not.toContain('no_send_from_mailbox');
  });

  it('refuses bad input with the failing fields, and hides what the caller may not see', async () => {
    const none = await t.call('POST', '/api/preflight', { body: {} });
    expect(none.status).toBe(400);
    expect(none.body.error.details).toEqual(
      expect.arrayContaining([expect.objectContaining({ path: 'contactId' })]),
    );
    const bad = await t.call('POST', '/api/preflight', { body: { email: 'not-an-address' } });
    expect(bad.status).toBe(400);
    expect((await t.call('POST', '/api/preflight', { body: { contactId: 'con_nope' } })).status).toBe(404);

    const owned = await contact({
      email: 'mine@admin.test',
      ownerId: (await t.call('GET', '/api/me')).body.id,
    });
    const rep = await t.createUser('rep');
    const hidden = await t.call('POST', '/api/preflight', { token: rep.token, body: { contactId: owned } });
    expect(hidden.status).toBe(404);
    expect(
      (await t.call('POST', '/api/preflight', { token: null, body: { email: 'a@b.test' } })).status,
    ).toBe(401);
  });
});

describe.each(backends)('POST /api/schedule/preview on %s', (backend) => {
  const t = useTestApp(backend);
  const schedule = {
    timezone: 'America/New_York',
    useContactTimezone: true,
    windows: [{ days: [1, 2, 3, 4, 5], start: '09:00', end: '17:00' }],
  };

  it("is the scheduler's own function: the first window moment after the wait, in the given zone", async () => {
    // Friday 16:30 New York + 60 minutes → after the window closes → Monday 09:00 New York.
    const r = await t.call('POST', '/api/schedule/preview', {
      body: { schedule, from: '2026-11-20T21:30:00Z', waitMinutes: 60 },
    });
    expect(r.status).toBe(200);
    expect(r.body).toEqual({ at: '2026-11-23T14:00:00.000Z' });
    const berlin = await t.call('POST', '/api/schedule/preview', {
      body: { schedule, timezone: 'Europe/Berlin', from: '2026-11-20T21:30:00Z', waitMinutes: 0 },
    });
    expect(berlin.body).toEqual({ at: '2026-11-23T08:00:00.000Z' });
  });

  it('skips public holidays and blackout dates, and lists what it skipped', async () => {
    // Wednesday 25 November 2026, 18:00 New York → Thanksgiving (26th) and a blackout on the 27th.
    const r = await t.call('POST', '/api/schedule/preview', {
      body: {
        schedule: { ...schedule, holidays: 'US', blackoutDates: ['2026-11-27'] },
        from: '2026-11-25T23:00:00Z',
        waitMinutes: 0,
      },
    });
    expect(r.status).toBe(200);
    expect(r.body).toEqual({
      at: '2026-11-30T14:00:00.000Z',
      skipped: [
        { date: '2026-11-26', reason: 'holiday', name: 'Thanksgiving Day (US)' },
        { date: '2026-11-27', reason: 'blackout_date', name: 'Blackout date' },
      ],
    });
    const unknown = await t.call('POST', '/api/schedule/preview', {
      body: { schedule: { ...schedule, holidays: 'XX' }, from: '2026-11-25T23:00:00Z', waitMinutes: 0 },
    });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.details[0].path).toBe('schedule.holidays');
    const badDate = await t.call('POST', '/api/schedule/preview', {
      body: {
        schedule: { ...schedule, blackoutDates: ['2026-02-30'] },
        from: '2026-11-25T23:00:00Z',
        waitMinutes: 0,
      },
    });
    expect(badDate.status).toBe(400);
    expect(badDate.body.error.details[0].path).toBe('schedule.blackoutDates.0');
  });

  it('names the bad field: unknown zone, impossible time, end before start', async () => {
    const zone = await t.call('POST', '/api/schedule/preview', {
      body: {
        schedule: { ...schedule, timezone: 'Mars/Olympus' },
        from: '2026-11-20T21:30:00Z',
        waitMinutes: 0,
      },
    });
    expect(zone.status).toBe(400);
    expect(zone.body.error.details[0].path).toBe('schedule.timezone');
    const time = await t.call('POST', '/api/schedule/preview', {
      body: {
        schedule: { ...schedule, windows: [{ days: [1], start: '25:00', end: '26:00' }] },
        from: '2026-11-20T21:30:00Z',
        waitMinutes: 0,
      },
    });
    expect(time.status).toBe(400);
    const order = await t.call('POST', '/api/schedule/preview', {
      body: {
        schedule: { ...schedule, windows: [{ days: [1], start: '17:00', end: '09:00' }] },
        from: '2026-11-20T21:30:00Z',
        waitMinutes: 0,
      },
    });
    expect(order.status).toBe(400);
    const date = await t.call('POST', '/api/schedule/preview', {
      body: { schedule, from: '2026-02-30T10:00:00Z', waitMinutes: 0 },
    });
    expect(date.status).toBe(400);
  });
});
