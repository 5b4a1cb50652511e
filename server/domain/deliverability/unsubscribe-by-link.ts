import type { Db } from '../../db/client';
import { unsubscribeContact } from './unsubscribe-contact';
import { loadUnsubscribeLink } from './unsubscribe-link';

/**
 * Marks the link's contact unsubscribed and finishes its live enrollments. No login; repeating it is
 * harmless. Any valid token counts: refusing an odd request would only keep mail flowing to someone
 * who asked it to stop.
 */
export async function unsubscribeByLink(
  { db, now, secretKey }: { db: Db; now: Date; secretKey: Buffer },
  token: string,
): Promise<{ kind: 'invalid' | 'gone' | 'unsubscribed' }> {
  const link = await loadUnsubscribeLink(db, secretKey, token);
  if (link.kind !== 'found') return link;
  const { email } = link;
  await db.transaction((tx) =>
    unsubscribeContact(tx, {
      teamId: email.teamId,
      contactId: email.contactId,
      emailId: email.id,
      source: 'link',
      now,
    }),
  );
  return { kind: 'unsubscribed' };
}
