import { describe, expect, it } from 'vitest';
import { dailyCapacity, sendingDayOf, spreadOf } from '../../../../shared/schedule/send-estimate';

describe('send estimate', () => {
  it('takes the smaller of the daily limit and what the hourly limit allows over the window', () => {
    expect(dailyCapacity({ dailyLimit: 50, hourlyLimit: 6 })).toBe(48);
    expect(dailyCapacity({ dailyLimit: 30, hourlyLimit: 6 })).toBe(30);
    expect(dailyCapacity({ dailyLimit: 50, hourlyLimit: 6, windowHours: 4 })).toBe(24);
    // A zero limit still drains (one a day) rather than dividing by zero.
    expect(dailyCapacity({ dailyLimit: 0, hourlyLimit: 0 })).toBe(1);
  });

  it('places a queued email on a sending day, counting what went out today', () => {
    const pace = { dailyLimit: 10, hourlyLimit: 100, sentToday: 7 };
    expect(sendingDayOf(pace, 0)).toBe(0);
    expect(sendingDayOf(pace, 2)).toBe(0);
    expect(sendingDayOf(pace, 3)).toBe(1);
    expect(sendingDayOf(pace, 12)).toBe(1);
    expect(sendingDayOf(pace, 13)).toBe(2);
    expect(sendingDayOf({ dailyLimit: 10, hourlyLimit: 100, sentToday: 15 }, 0)).toBe(1);
  });

  it('says over how many days a queue plus new enrollments spreads', () => {
    const pace = { dailyLimit: 50, hourlyLimit: 6 };
    expect(spreadOf(pace, 0, 0)).toEqual({ perDay: 48, days: 0 });
    expect(spreadOf(pace, 0, 48)).toEqual({ perDay: 48, days: 1 });
    expect(spreadOf(pace, 10, 39)).toEqual({ perDay: 48, days: 2 });
    expect(spreadOf(pace, 0, 200)).toEqual({ perDay: 48, days: 5 });
  });
});

describe('window hours per day', () => {
  it('averages the open hours over the days that have a window', async () => {
    const { windowHoursPerDay } = await import('../../../../shared/schedule/send-estimate');
    expect(windowHoursPerDay([{ days: [1, 2, 3, 4, 5], start: '09:00', end: '17:00' }])).toBe(8);
    expect(
      windowHoursPerDay([
        { days: [1], start: '09:00', end: '12:00' },
        { days: [1], start: '11:00', end: '13:00' },
        { days: [2], start: '00:00', end: '24:00' },
      ]),
    ).toBe(14);
  });
});
