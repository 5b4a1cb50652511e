/*
 * When a rep can put a task off to, worked out from the console's clock in the browser's zone. Pure,
 * so the choices are tested on a fixed clock and the dialog only renders them.
 */

export type SnoozePresetId = 'later_today' | 'tomorrow_morning' | 'next_week';

export interface SnoozePreset {
  id: SnoozePresetId;
  label: string;
  until: Date;
}

/** A rep's morning starts at 8:00; "later today" is three hours on. */
const MORNING_HOUR = 8;
const LATER_TODAY_HOURS = 3;

function atMorning(day: Date, addDays: number): Date {
  return new Date(day.getFullYear(), day.getMonth(), day.getDate() + addDays, MORNING_HOUR, 0, 0, 0);
}

/**
 * Later today (only while three hours on is still today), tomorrow at 8:00, and next Monday at 8:00
 * (a week on when today is Monday).
 */
export function snoozePresets(now: Date): SnoozePreset[] {
  const presets: SnoozePreset[] = [];
  const later = new Date(now.getTime() + LATER_TODAY_HOURS * 3_600_000);
  if (later.getDate() === now.getDate()) {
    presets.push({ id: 'later_today', label: 'Later today', until: later });
  }
  presets.push({ id: 'tomorrow_morning', label: 'Tomorrow morning', until: atMorning(now, 1) });
  const toMonday = (8 - now.getDay()) % 7 || 7;
  presets.push({ id: 'next_week', label: 'Next week', until: atMorning(now, toMonday) });
  return presets;
}
