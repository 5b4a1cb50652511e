import { fireEvent, screen, within } from '@testing-library/react';
import axe from 'axe-core';
import { expect } from 'vitest';
import type { LiveFeed } from '../../../extension/ui/console/live-feed';
import { reply } from './fake-server';

/*
 * What every screen-states-<screen> test checks the same way: a held answer (loading), the server
 * failing (error), axe on the state shown, and a live feed the test fires by hand (stale).
 */

/** An answer the test releases when it wants, so the loading state can be looked at. */
export function held() {
  let release: () => void = () => {};
  const gate = new Promise<void>((r) => {
    release = r;
  });
  return { release, wait: <T>(answer: () => T) => gate.then(answer) };
}

/** The server failing as it does when its database is down: a code and a status no one should read. */
export const serverDown = () =>
  reply(500, { error: { code: 'internal_error', message: 'the database did not answer' } });

/** The error state: one alert, a sentence without the code or status; returns its Try again button. */
export async function expectReadableAlert(): Promise<HTMLElement> {
  const alert = await screen.findByRole('alert');
  expect(alert.textContent).not.toMatch(/internal_error|\b500\b|[a-z]+_[a-z]+/);
  expect(alert.textContent?.trim().length).toBeGreaterThan(10);
  return within(alert).getByRole('button', { name: 'Try again' });
}

export async function clickTryAgain(): Promise<void> {
  fireEvent.click(await expectReadableAlert());
}

/** The loading state is announced: it sits in a live region (role=status or aria-live). */
export function expectAnnounced(el: HTMLElement): void {
  expect(el.closest('[role="status"], [aria-live]')).not.toBeNull();
}

/** axe on what is shown: no critical or serious finding (layout rules aside, jsdom has no layout). */
export async function expectNoSeriousAxe(): Promise<void> {
  const result = await axe.run(document.body, {
    runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'best-practice'] },
    rules: { 'color-contrast': { enabled: false }, region: { enabled: false } },
  });
  const serious = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(serious.map((v) => `${v.id}: ${v.help}`)).toEqual([]);
}

/** A live feed the test fires, standing in for the background's change notices. */
export function manualFeed(): LiveFeed & { fire(): void } {
  const listeners = new Set<() => void>();
  return {
    subscribe: (l) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    fire: () => {
      for (const l of [...listeners]) l();
    },
  };
}
