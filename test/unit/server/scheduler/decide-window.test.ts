import { describe, expect, it } from 'vitest';
import { decideWindows } from '../../../../server/scheduler/decide-window';
import { dueRow, weekdays } from './due-rows';

// 2026-11-23 is a Monday.
const MONDAY_10 = new Date('2026-11-23T10:00:00Z');
const SUNDAY_NOON = new Date('2026-11-22T12:00:00Z');
const MONDAY_9 = new Date('2026-11-23T09:00:00Z');
const TUESDAY_9 = new Date('2026-11-24T09:00:00Z');
const DAY = 24 * 3_600_000;

describe('decideWindows (the claim re-slots what may not go now)', () => {
  it('lets an on-time email inside its window through and moves one outside it to the next opening', () => {
    const inside = decideWindows([dueRow('a', { email: { scheduledAt: MONDAY_10 } })], MONDAY_10, 60);
    expect(inside).toEqual({
      sendable: [expect.objectContaining({ email: expect.objectContaining({ id: 'a' }) })],
      deferred: [],
    });

    const outside = decideWindows([dueRow('b', { email: { scheduledAt: SUNDAY_NOON } })], SUNDAY_NOON, 60);
    expect(outside.sendable).toEqual([]);
    expect(outside.deferred).toEqual([
      {
        id: 'b',
        dueAt: MONDAY_9,
        scheduledAt: MONDAY_9,
        waitingFor: 'window',
        waitReason: null,
        waitDetail: null,
      },
    ]);
  });

  it('sends a stale slot to the next window rather than the current one, so a backlog is spread out', () => {
    const stale = dueRow('a', { email: { scheduledAt: new Date(MONDAY_10.getTime() - 2 * DAY) } });
    const fresh = dueRow('b', { email: { scheduledAt: new Date(MONDAY_10.getTime() - 30 * 60_000) } });
    const r = decideWindows([stale, fresh], MONDAY_10, 60);
    expect(r.sendable.map((x) => x.email.id)).toEqual(['b']);
    expect(r.deferred).toEqual([
      expect.objectContaining({ id: 'a', dueAt: TUESDAY_9, scheduledAt: TUESDAY_9 }),
    ]);
  });

  it("uses the contact's zone when the schedule says so: 09:00 in New York is 14:00Z in November", () => {
    const ny = dueRow('a', {
      schedule: { ...weekdays, useContactTimezone: true },
      timezone: 'America/New_York',
      email: { scheduledAt: MONDAY_10 },
    });
    const r = decideWindows([ny], MONDAY_10, 60);
    expect(r.deferred).toEqual([
      expect.objectContaining({ id: 'a', dueAt: new Date('2026-11-23T14:00:00Z') }),
    ]);
  });

  it('says which blackout date moved the email past the first opening', () => {
    const row = dueRow('a', { schedule: { ...weekdays, blackoutDates: ['2026-11-23'] } });
    const r = decideWindows([row], SUNDAY_NOON, 60);
    expect(r.deferred).toEqual([
      expect.objectContaining({
        id: 'a',
        dueAt: TUESDAY_9,
        waitReason: 'blackout_date',
        waitDetail: expect.stringContaining('2026-11-23'),
      }),
    ]);
  });

  it('measures lateness from the slot, or the due time when there is no slot', () => {
    const row = dueRow('a', { email: { scheduledAt: null, dueAt: new Date(MONDAY_10.getTime() - 2 * DAY) } });
    expect(decideWindows([row], MONDAY_10, 60).deferred).toEqual([
      expect.objectContaining({ dueAt: TUESDAY_9 }),
    ]);
    const now = dueRow('b');
    expect(decideWindows([now], MONDAY_10, 60).sendable).toHaveLength(1);
  });
});
