import type { Db } from '../../db/client';
import { recordOpen } from '../../engagement/record-hit';
import { verifyOpenToken } from '../../engagement/tracking-token';
import type { Logger } from '../logger';
import type { Evidence } from './follow-click';

/**
 * The open pixel was requested: false when the token is not ours. Only a GET counts as an open (a
 * HEAD asks whether the image exists; it loads nothing anyone sees). A failure to record is logged.
 */
export async function loadOpenPixel(
  { db, secretKey, log }: { db: Db; secretKey: Buffer; log: Logger },
  token: string,
  evidence: Evidence,
): Promise<boolean> {
  const emailId = verifyOpenToken(secretKey, token);
  if (!emailId) return false;
  if (evidence.method === 'GET') {
    try {
      await recordOpen(db, { ...evidence, emailId });
    } catch (err) {
      log.error('open not recorded', err);
    }
  }
  return true;
}
