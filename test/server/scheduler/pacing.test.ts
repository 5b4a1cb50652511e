import { and, eq, inArray, isNotNull } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { emails } from '../../../server/db/schema';
import type { SchedulerDeps } from '../../../server/scheduler/scheduler-config';
import { runTick } from '../../../server/scheduler/worker';
import { useTestApp } from '../helpers/test-app';
import { backends } from '../helpers/test-database';
import { harness } from './scheduler-harness';

// Monday 23 November 2026, 09:00 in New York (UTC-5): the harness's contacts live there.
const MONDAY_9_NY = '2026-11-23T14:00:00Z';

describe.each(backends)('pacing across two workers on %s', (backend) => {
  const t = useTestApp(backend, { now: MONDAY_9_NY });
  const db = () => t.db.database.db;

  /** Two workers ticking at the same moment, each with its own randomness (so their jitters differ). */
  async function bothWorkers(h: Awaited<ReturnType<typeof harness>>, seed: number) {
    const worker = (k: number): SchedulerDeps => ({
      ...h.deps(),
      random: () => ((seed * 7 + k * 3) % 10) / 10,
    });
    await Promise.all([runTick(db(), worker(1), h.config), runTick(db(), worker(2), h.config)]);
  }

  const claimTimes = async (enrollmentIds: string[]) =>
    (
      await db()
        .select({ at: emails.claimedAt })
        .from(emails)
        .where(and(inArray(emails.enrollmentId, enrollmentIds), isNotNull(emails.claimedAt)))
    )
      .map((r) => r.at?.getTime() ?? 0)
      .sort((a, b) => a - b);

  it('keeps the minimum gap between sends whichever worker claims, and says why the rest wait', async () => {
    t.clock.set(MONDAY_9_NY);
    const h = await harness(t);
    const box = await h.mailbox({ minGapSeconds: 60, hourlyLimit: 100, dailyLimit: 500 });
    const seq = await h.sequence();
    const contacts = [];
    for (let i = 0; i < 8; i++) contacts.push(await h.contact({ prospectScore: i * 10 }));
    const ids = await h.enroll(seq.id, contacts, [box]);

    await bothWorkers(h, 0);
    expect(await claimTimes(ids)).toHaveLength(1);
    const waiting = await db()
      .select()
      .from(emails)
      .where(and(inArray(emails.enrollmentId, ids), eq(emails.waitingFor, 'mailbox_capacity')));
    expect(waiting).toHaveLength(7);
    for (const e of waiting) {
      expect(e.waitReason).toBe('min_gap');
      expect(e.waitDetail).toBe('minimum gap: 60 s between sends, plus jitter');
    }
    // The waiting emails come back spread out, not all at the moment the gap ends.
    const retries = new Set(
      waiting.filter((w) => w.waitingFor === 'mailbox_capacity').map((w) => w.dueAt?.getTime()),
    );
    expect(retries.size).toBe(7);

    // Twenty minutes of both workers polling every 10 s: everything goes, never two within 60 s.
    for (let step = 1; step <= 120; step++) {
      t.clock.advance(10_000);
      await bothWorkers(h, step);
    }
    const times = await claimTimes(ids);
    expect(times).toHaveLength(8);
    for (let i = 1; i < times.length; i++) {
      const gap = (times[i] ?? 0) - (times[i - 1] ?? 0);
      expect(gap).toBeGreaterThanOrEqual(60_000);
      // Jitter adds at most half a gap; the 10 s poll adds at most one poll.
      expect(gap).toBeLessThanOrEqual(90_000 + 10_000);
    }
    expect(h.provider.sent).toHaveLength(8);
  });

  it('caps one recipient domain a day across workers, other domains still go', async () => {
    t.clock.set(MONDAY_9_NY);
    const h = await harness(t);
    const box = await h.mailbox({ recipientDomainDailyLimit: 2, hourlyLimit: 100, dailyLimit: 500 });
    const seq = await h.sequence();
    const big = [];
    for (let i = 0; i < 5; i++) big.push(await h.contact({ email: `p${i}-${Date.now()}@Big-Corp.example` }));
    const small = [await h.contact({ email: `x-${Date.now()}@small.example` })];
    const bigIds = await h.enroll(seq.id, big, [box]);
    const smallIds = await h.enroll(seq.id, small, [box]);

    await bothWorkers(h, 1);
    t.clock.advance(60_000);
    await bothWorkers(h, 2);
    expect(await claimTimes(bigIds)).toHaveLength(2);
    expect(await claimTimes(smallIds)).toHaveLength(1);
    const held = await db()
      .select()
      .from(emails)
      .where(and(inArray(emails.enrollmentId, bigIds), eq(emails.waitingFor, 'mailbox_capacity')));
    expect(held).toHaveLength(3);
    for (const e of held) {
      expect(e.waitingFor).toBe('mailbox_capacity');
      expect(e.waitReason).toBe('recipient_domain_limit');
      expect(e.waitDetail).toBe('recipient domain limit: 2 a day to big-corp.example');
      // Not before the first claim to that domain is 24 hours old.
      expect(e.dueAt?.getTime()).toBeGreaterThanOrEqual(new Date(MONDAY_9_NY).getTime() + 86_400_000);
    }
  });

  it('ramps a new mailbox up from startPerDay, day by day in its zone, and shows it', async () => {
    t.clock.set(MONDAY_9_NY);
    // A day's wait is past the default lateness bound, which would move the emails to the next window.
    const h = await harness(t, { maxLatenessMinutes: 3 * 24 * 60 });
    const created = await t.call('POST', '/api/mailboxes', {
      body: {
        provider: 'sandbox',
        address: `ramp-${Date.now()}@sender.test`,
        dailyLimit: 20,
        hourlyLimit: 20,
        rampUp: { startPerDay: 3, increasePerDay: 2 },
        timezone: 'America/New_York',
      },
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      rampUp: { startPerDay: 3, increasePerDay: 2, startedOn: '2026-11-23' },
      effectiveDailyLimit: 3,
      rampUpReachesLimitOn: '2026-12-02',
      minGapSeconds: 0,
      recipientDomainDailyLimit: null,
    });
    const box = created.body.id as string;
    const seq = await h.sequence();
    const contacts = [];
    for (let i = 0; i < 6; i++) contacts.push(await h.contact());
    const ids = await h.enroll(seq.id, contacts, [box]);

    await bothWorkers(h, 3);
    expect(await claimTimes(ids)).toHaveLength(3);
    const held = await db()
      .select()
      .from(emails)
      .where(and(inArray(emails.enrollmentId, ids), eq(emails.waitingFor, 'mailbox_capacity')));
    expect(held.map((e) => e.waitReason)).toEqual(['ramp_up', 'ramp_up', 'ramp_up']);
    expect(held[0]?.waitDetail).toBe('ramp-up: 3 a day today, growing to 20');

    // Tuesday: the limit is 5 a day, so the 3 waiting go once yesterday's claims age out.
    t.clock.set('2026-11-24T14:00:01Z');
    const next = await t.call('GET', `/api/mailboxes/${box}`);
    expect(next.body.effectiveDailyLimit).toBe(5);
    await bothWorkers(h, 4);
    expect(await claimTimes(ids)).toHaveLength(6);
  });

  it('skips public holidays in the contact zone and says which holiday holds the email', async () => {
    t.clock.set('2026-11-25T20:00:00Z'); // Wednesday 15:00 in New York
    const h = await harness(t);
    const box = await h.mailbox({ hourlyLimit: 100, dailyLimit: 500 });
    const seq = await h.sequence({
      schedule: {
        timezone: 'UTC',
        useContactTimezone: true,
        windows: [{ days: [1, 2, 3, 4, 5], start: '09:00', end: '17:00' }],
        holidays: 'US',
        blackoutDates: ['2026-11-30'],
      },
    });
    const ids = await h.enroll(seq.id, [await h.contact()], [box]);
    // Slotted now, but nobody ran until Thanksgiving morning.
    t.clock.set('2026-11-26T15:00:00Z');
    await bothWorkers(h, 5);
    const [email] = await h.emailsOf(ids[0] ?? '');
    expect(email?.status).toBe('scheduled');
    expect(email?.waitingFor).toBe('window');
    expect(email?.waitReason).toBe('holiday');
    expect(email?.waitDetail).toBe('Thanksgiving Day (US), 2026-11-26');
    // Friday 27th is the day after Thanksgiving (a public holiday in date-holidays' US data only in some
    // states): whichever, the slot is a working day that is neither a holiday nor the blackout date.
    const slot = email?.scheduledAt?.toISOString();
    expect(['2026-11-27T14:00:00.000Z', '2026-12-01T14:00:00.000Z']).toContain(slot);

    const listed = await t.call('GET', `/api/emails?enrollmentId=${ids[0]}`);
    expect(listed.status).toBe(200);
    expect(listed.body.items[0]).toMatchObject({ waitingFor: 'window', waitReason: 'holiday' });
  });

  it('refuses a holiday place the library does not know, naming the field', async () => {
    const r = await t.call('POST', '/api/sequences', {
      body: {
        name: 'Nowhere',
        steps: [],
        schedule: {
          timezone: 'UTC',
          useContactTimezone: false,
          windows: [{ days: [1], start: '09:00', end: '17:00' }],
          holidays: 'US-XX',
        },
      },
    });
    expect(r.status).toBe(400);
    expect(r.body.error.code).toBe('validation_failed');
    expect(r.body.error.details[0].path).toBe('schedule.holidays');
  });
});
