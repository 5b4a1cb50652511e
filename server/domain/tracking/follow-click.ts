import type { Db } from '../../db/client';
import type { HitEvidence } from '../../engagement/bot-rules';
import { recordClick } from '../../engagement/record-hit';
import { verifyClickToken } from '../../engagement/tracking-token';
import type { Logger } from '../logger';

export type Evidence = Omit<HitEvidence, 'sentAt'>;

/**
 * A tracked link was followed: where to send the reader, or null when the token is not ours. A
 * failure to record is logged and never keeps the reader from their link.
 */
export async function followClick(
  { db, secretKey, log }: { db: Db; secretKey: Buffer; log: Logger },
  token: string,
  evidence: Evidence,
): Promise<{ url: string } | null> {
  const target = verifyClickToken(secretKey, token);
  if (!target) return null;
  try {
    await recordClick(db, { ...evidence, ...target });
  } catch (err) {
    log.error('click not recorded', err);
  }
  return { url: target.url };
}
