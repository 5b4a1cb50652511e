import { describe, expect, it } from 'vitest';
import { useTestApp } from '../helpers/test-app';
import { backends } from '../helpers/test-database';

describe.each(backends)('GET /api/schedule/holiday-places on %s', (backend) => {
  const t = useTestApp(backend);

  it('lists the countries and regions the holiday library knows, by name, each usable as schedule.holidays', async () => {
    const r = await t.call('GET', '/api/schedule/holiday-places');
    expect(r.status).toBe(200);
    const countries = r.body.countries as {
      code: string;
      name: string;
      regions: { code: string; name: string }[];
    }[];
    expect(countries.length).toBeGreaterThan(100);
    const names = countries.map((c) => c.name);
    expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b, 'en')));
    const us = countries.find((c) => c.code === 'US');
    expect(us?.name).toBe('United States of America');
    expect(us?.regions).toContainEqual({ code: 'US-CA', name: 'California' });
    expect(countries.find((c) => c.code === 'DE')?.regions.map((x) => x.code)).toContain('DE-BY');

    // Whatever the list offers, a schedule accepts (spot-check one region of every tenth country).
    const schedule = {
      timezone: 'UTC',
      useContactTimezone: false,
      windows: [{ days: [1, 2, 3, 4, 5], start: '09:00', end: '17:00' }],
    };
    for (const c of countries.filter((_, i) => i % 10 === 0)) {
      const place = c.regions[0]?.code ?? c.code;
      const preview = await t.call('POST', '/api/schedule/preview', {
        body: { schedule: { ...schedule, holidays: place }, from: '2026-11-25T12:00:00Z', waitMinutes: 0 },
      });
      expect({ place, status: preview.status }).toEqual({ place, status: 200 });
    }
  });

  it('answers only a signed-in caller', async () => {
    expect((await t.call('GET', '/api/schedule/holiday-places', { token: null })).status).toBe(401);
  });
});
