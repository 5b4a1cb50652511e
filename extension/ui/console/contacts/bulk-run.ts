import type { Enrollment, FinishReason } from '../../../../shared/schemas/enrollment';
import type { ConsoleApi } from '../api-client';
import { asProblem } from '../api-problem';
import { enrollmentSchema } from '../api-schemas';
import { mapLimit } from '../paginate';
import { type BulkAction, splitEligible } from './enrollment-filters';

export interface BulkOptions {
  resumeAt?: string | undefined;
  reason?: FinishReason;
}

export interface BulkOutcome {
  action: BulkAction;
  done: number;
  /** Not applicable to their status (e.g. resuming an active contact), so never sent to the server. */
  skipped: number;
  failed: Array<{ id: string; message: string }>;
}

function callFor(api: ConsoleApi, action: BulkAction, id: string, opts: BulkOptions) {
  const path = `/api/enrollments/${encodeURIComponent(id)}`;
  switch (action) {
    case 'pause':
      return api.send(
        'POST',
        `${path}/pause`,
        opts.resumeAt ? { resumeAt: opts.resumeAt } : {},
        enrollmentSchema,
      );
    case 'resume':
      return api.send('POST', `${path}/resume`, undefined, enrollmentSchema);
    case 'finish':
      return api.send('POST', `${path}/finish`, { reason: opts.reason ?? 'other' }, enrollmentSchema);
    case 'remove':
      return api.send('DELETE', path, undefined, enrollmentSchema);
  }
}

/**
 * The API acts on one enrollment per call, so a bulk action is many calls, a few at a time; one
 * failure (say, a contact finished meanwhile) never stops the rest, and each is reported.
 */
export async function runBulk(
  api: ConsoleApi,
  action: BulkAction,
  selected: readonly Enrollment[],
  opts: BulkOptions = {},
): Promise<BulkOutcome> {
  const { ok, skipped } = splitEligible(action, selected);
  const results = await mapLimit(ok, 4, async (e) => {
    try {
      await callFor(api, action, e.id, opts);
      return null;
    } catch (err) {
      return { id: e.id, message: asProblem(err).message };
    }
  });
  const failed = results.filter((r): r is { id: string; message: string } => r !== null);
  return { action, done: ok.length - failed.length, skipped, failed };
}

const PAST: Record<BulkAction, string> = {
  pause: 'paused',
  resume: 'resumed',
  finish: 'marked finished',
  remove: 'removed from the sequence',
};

export function describeOutcome(o: BulkOutcome): string {
  const parts = [`${o.done} ${o.done === 1 ? 'contact' : 'contacts'} ${PAST[o.action]}.`];
  if (o.skipped) parts.push(`${o.skipped} skipped: their status does not allow it.`);
  if (o.failed.length) parts.push(`${o.failed.length} could not be changed.`);
  return parts.join(' ');
}
