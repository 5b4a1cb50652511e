import { describe, expect, it } from 'vitest';
import { parseHostDate } from '../../extension/lib/host-dates';

const local = (y: number, m: number, d: number, h = 0, min = 0) =>
  new Date(y, m - 1, d, h, min).toISOString();

describe('dates as OWA shows them in other languages', () => {
  it('reads day-first numeric dates in the page language', () => {
    expect(parseHostDate('Di 04.03.2025 09:15', undefined, 'de')).toBe(local(2025, 3, 4, 9, 15));
    expect(parseHostDate('mar. 04/03/2025 09:15', undefined, 'fr')).toBe(local(2025, 3, 4, 9, 15));
    expect(parseHostDate('di 4-3-2025 9:15', undefined, 'nl')).toBe(local(2025, 3, 4, 9, 15));
  });

  it('reads year-first Japanese dates with 午後', () => {
    expect(parseHostDate('2025/03/04 (火) 午後 2:40', undefined, 'ja')).toBe(local(2025, 3, 4, 14, 40));
  });

  it('keeps US English month-first and machine stamps as written', () => {
    expect(parseHostDate('Tue 3/4/2025 9:15 AM', undefined, 'en')).toBe(local(2025, 3, 4, 9, 15));
    expect(parseHostDate('2025-03-04T09:15:00Z', undefined, 'de')).toBe('2025-03-04T09:15:00.000Z');
  });

  it('falls back to now for text that is no date', () => {
    const now = () => new Date('2026-01-01T00:00:00Z');
    expect(parseHostDate('31.02.2025 10:00', now, 'de')).toBe('2026-01-01T00:00:00.000Z');
  });
});
