import { useEffect, useRef } from 'react';
import type { Task } from '../../../../shared/schemas/email';

/** The time and one-shot timers the wake-up runs on, injectable so a test can drive a fake clock. */
export interface WakeClock {
  now(): Date;
  /** Runs `run` once after `ms`; the returned function cancels it. */
  after(ms: number, run: () => void): () => void;
}

export function systemWakeClock(now: () => Date): WakeClock {
  return {
    now,
    after(ms, run) {
      const id = setTimeout(run, ms);
      return () => clearTimeout(id);
    },
  };
}

/** setTimeout's longest delay; a later wake-up arms this far and re-arms from there. */
export const LONGEST_TIMER_MS = 2 ** 31 - 1;
/**
 * A snoozed task whose time the browser's clock says has passed, but the server still listed as
 * snoozed (its clock is behind ours): looked at once more after this long, then left to the live feed.
 */
export const SKEW_GRACE_MS = 15_000;

/** The tasks whose snooze ends at the earliest time among `tasks`, and that time (ms). */
export function earliestWake(tasks: readonly Task[]): { at: number; tasks: Task[] } | undefined {
  let at = Number.POSITIVE_INFINITY;
  let due: Task[] = [];
  for (const t of tasks) {
    const ms = t.snoozedUntil ? Date.parse(t.snoozedUntil) : Number.NaN;
    if (Number.isNaN(ms) || ms > at) continue;
    if (ms < at) due = [];
    at = ms;
    due.push(t);
  }
  return due.length ? { at, tasks: due } : undefined;
}

/**
 * Calls `onWake` with the tasks whose snooze ended, at the earliest `snoozedUntil` among the snoozed
 * tasks the screen knows: one timer, no polling, re-armed whenever that list changes, cleared on
 * unmount. A time that already passed (the server still says snoozed) gets one more look after
 * SKEW_GRACE_MS, so two clocks a little apart cannot make it tick forever.
 */
export function useSnoozeWake(
  snoozed: readonly Task[] | undefined,
  clock: WakeClock,
  /** `again` when every one of them was reported before (the extra look after SKEW_GRACE_MS). */
  onWake: (woken: Task[], again: boolean) => void,
): void {
  const onWakeRef = useRef(onWake);
  onWakeRef.current = onWake;
  // Snoozes the timer ended (reported once) and, of those still listed late, the ones looked at again.
  const fired = useRef(new Set<string>());
  const graced = useRef(new Set<string>());
  const id = (t: Task) => `${t.id}@${t.snoozedUntil}`;
  const key = (snoozed ?? [])
    .filter((t) => t.snoozedUntil)
    .map(id)
    .sort()
    .join(',');
  const list = useRef(snoozed);
  list.current = snoozed;

  // biome-ignore lint/correctness/useExhaustiveDependencies: the key stands for the list's snooze times
  useEffect(() => {
    let cancel: (() => void) | undefined;
    const arm = () => {
      const nowMs = clock.now().getTime();
      const pending = (list.current ?? []).filter((t) => {
        if (!t.snoozedUntil) return false;
        if (Date.parse(t.snoozedUntil) > nowMs) return true;
        return !graced.current.has(id(t));
      });
      const next = earliestWake(pending);
      if (!next) return;
      const late = next.at <= nowMs;
      const wait = late ? SKEW_GRACE_MS : Math.min(next.at - nowMs, LONGEST_TIMER_MS);
      cancel = clock.after(wait, () => {
        cancel = undefined;
        if (!late && clock.now().getTime() < next.at) return arm(); // a long wait's leg, or an early tick
        if (late) for (const t of next.tasks) graced.current.add(id(t));
        const again = next.tasks.every((t) => fired.current.has(id(t)));
        for (const t of next.tasks) fired.current.add(id(t));
        onWakeRef.current(next.tasks, again);
        // Until the reload answers (and changes the list, which re-arms), the next time still counts.
        arm();
      });
    };
    arm();
    return () => cancel?.();
  }, [key, clock]);
}

/** What the live region says when snoozed tasks come back, naming whose they are. */
export function wokenMessage(names: string[]): string {
  if (names.length === 1) return `Your snooze for ${names[0]} ended: the task is back in your queue.`;
  const shown = names.slice(0, 3).join(', ');
  const more = names.length > 3 ? ` and ${names.length - 3} more` : '';
  return `${names.length} snoozed tasks are back in your queue: ${shown}${more}.`;
}
