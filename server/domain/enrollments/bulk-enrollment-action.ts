import type { BulkEnrollmentBody, BulkEnrollmentResult } from '../../../shared/schemas/enrollment';
import type { Db } from '../../db/client';
import type { Actor } from '../actor';
import { invalid } from '../errors';
import type { Logger } from '../logger';
import { maskMailboxIds } from '../mailboxes/mailbox-access';
import { applyBulkAction, type BulkRequest } from './bulk-actions';

/**
 * The body as the domain takes it. Whether resumeAt lies ahead depends on the clock, which the
 * schema cannot see, so that check happens here: before anything changes, as a 400 naming the field.
 */
function bulkCommand(body: BulkEnrollmentBody, now: Date): BulkRequest {
  switch (body.action) {
    case 'pause': {
      const resumeAt = body.resumeAt ? new Date(body.resumeAt) : null;
      if (resumeAt && resumeAt <= now) {
        const issue = { path: 'resumeAt', message: 'must be in the future' };
        throw invalid(`${issue.path}: ${issue.message}`, [issue], 'validation_failed');
      }
      return { action: 'pause', resumeAt };
    }
    case 'finish':
      // The schema requires a reason for finish; 'other' only satisfies the type checker.
      return { action: 'finish', reason: body.reason ?? 'other' };
    case 'reenroll':
      return { action: 'reenroll', skipValidation: body.skipValidation === true };
    default:
      return { action: body.action };
  }
}

/** Pauses, resumes, finishes, removes or re-enrolls many enrollments, each as its own call would; one result per id. */
export async function bulkEnrollmentAction(
  { db, now, log }: { db: Db; now: Date; log: Logger },
  actor: Actor,
  body: BulkEnrollmentBody,
): Promise<BulkEnrollmentResult> {
  const result = await applyBulkAction(db, actor, body.ids, bulkCommand(body, now), now, log);
  const done = result.results.flatMap((r) => (r.ok ? [r.enrollment] : []));
  const masked = new Map((await maskMailboxIds(db, actor, done)).map((e) => [e.id, e]));
  const results = result.results.map((r) =>
    r.ok ? { ...r, enrollment: masked.get(r.id) ?? r.enrollment } : r,
  );
  return { ...result, results };
}
