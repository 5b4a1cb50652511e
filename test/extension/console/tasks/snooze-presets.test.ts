import { describe, expect, it } from 'vitest';
import { snoozePresets } from '../../../../extension/ui/console/tasks/snooze-presets';

// Local wall times, so the expectations hold in whatever zone the tests run.
const local = (y: number, m: number, d: number, h = 0, min = 0) => new Date(y, m - 1, d, h, min);
const byId = (now: Date) => Object.fromEntries(snoozePresets(now).map((p) => [p.id, p.until.getTime()]));

describe('snooze presets on a fixed clock', () => {
  it('on a Wednesday morning: three hours on, tomorrow at 8:00, next Monday at 8:00', () => {
    const wed = local(2026, 11, 25, 10, 15);
    expect(snoozePresets(wed).map((p) => p.label)).toEqual(['Later today', 'Tomorrow morning', 'Next week']);
    expect(byId(wed)).toEqual({
      later_today: local(2026, 11, 25, 13, 15).getTime(),
      tomorrow_morning: local(2026, 11, 26, 8).getTime(),
      next_week: local(2026, 11, 30, 8).getTime(),
    });
  });

  it('late in the evening there is no "later today"; tomorrow crosses the month', () => {
    const late = local(2026, 11, 30, 22, 0);
    expect(byId(late)).toEqual({
      tomorrow_morning: local(2026, 12, 1, 8).getTime(),
      next_week: local(2026, 12, 7, 8).getTime(),
    });
  });

  it('on a Monday, next week is the Monday after; on a Sunday it is tomorrow', () => {
    expect(byId(local(2026, 11, 23, 9)).next_week).toBe(local(2026, 11, 30, 8).getTime());
    expect(byId(local(2026, 11, 29, 9)).next_week).toBe(local(2026, 11, 30, 8).getTime());
  });

  it('every preset lies ahead of now', () => {
    for (let h = 0; h < 24; h++) {
      const now = local(2026, 11, 24, h, 59);
      for (const p of snoozePresets(now)) expect(p.until.getTime()).toBeGreaterThan(now.getTime());
    }
  });
});
