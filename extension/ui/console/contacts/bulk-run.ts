import type { BulkEnrollmentBody, Enrollment, FinishReason } from '../../../../shared/schemas/enrollment';
import { asProblem, problemFromItemError } from '../../../lib/api/api-problem';
import type { ConsoleApi } from '../api-client';
import { bulkEnrollmentResultSchema } from '../api-schemas';
import { type BulkAction, splitEligible } from './enrollment-filters';

/**
 * Ids per `POST /api/enrollments/bulk`: all the server takes in one call. It applies the action to the
 * whole set with one statement per kind of change, so even 10,000 is one request of a few seconds.
 */
const PER_REQUEST = 10_000;

/** From this many on, the dialog shows a progress bar while the request runs. */
export const LONG_BULK = 500;

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

function bodyFor(action: BulkAction, ids: string[], opts: BulkOptions): BulkEnrollmentBody {
  if (action === 'pause') return { ids, action, ...(opts.resumeAt && { resumeAt: opts.resumeAt }) };
  if (action === 'finish') return { ids, action, reason: opts.reason ?? 'other' };
  return { ids, action };
}

/**
 * One request (more only past 10,000). The server reports each enrollment, so one that cannot change
 * (say, a contact finished meanwhile) never stops the rest.
 */
export async function runBulk(
  api: ConsoleApi,
  action: BulkAction,
  selected: readonly Enrollment[],
  opts: BulkOptions = {},
): Promise<BulkOutcome> {
  const { ok, skipped } = splitEligible(action, selected);
  const outcome: BulkOutcome = { action, done: 0, skipped, failed: [] };
  for (let i = 0; i < ok.length; i += PER_REQUEST) {
    const ids = ok.slice(i, i + PER_REQUEST).map((e) => e.id);
    try {
      const { results } = await api.call(
        (s) => s.api.enrollments.bulk.$post({ json: bodyFor(action, ids, opts) }),
        bulkEnrollmentResultSchema,
      );
      for (const r of results) {
        if (r.ok) outcome.done++;
        else outcome.failed.push({ id: r.id, message: problemFromItemError(r.error).message });
      }
    } catch (err) {
      // Nothing changed yet: show the problem as it is. Otherwise report what did change.
      if (i === 0) throw err;
      const message = asProblem(err).message;
      for (const id of ids) outcome.failed.push({ id, message });
    }
  }
  return outcome;
}

const PAST: Record<BulkAction, string> = {
  pause: 'paused',
  resume: 'resumed',
  finish: 'marked finished',
  remove: 'removed from the sequence',
  reenroll: 're-enrolled',
};

export function describeOutcome(o: BulkOutcome): string {
  const parts = [`${o.done} ${o.done === 1 ? 'contact' : 'contacts'} ${PAST[o.action]}.`];
  if (o.skipped) parts.push(`${o.skipped} skipped: their status does not allow it.`);
  if (o.failed.length) parts.push(`${o.failed.length} could not be changed.`);
  return parts.join(' ');
}
