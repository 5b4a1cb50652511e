import type { Db } from '../../db/client';
import { loadUnsubscribeLink } from './unsubscribe-link';

export type UnsubscribePage =
  | { kind: 'invalid' }
  | { kind: 'gone' }
  | { kind: 'unsubscribed' }
  /** `from` is the sender's name or address, when the email had a mailbox. */
  | { kind: 'confirm'; from: string | null };

/** What the link's page shows; reading it never unsubscribes (link scanners fetch URLs). No login. */
export async function readUnsubscribeLink(
  { db, secretKey }: { db: Db; secretKey: Buffer },
  token: string,
): Promise<UnsubscribePage> {
  const link = await loadUnsubscribeLink(db, secretKey, token);
  if (link.kind !== 'found') return link;
  if (link.email.unsubscribedAt) return { kind: 'unsubscribed' };
  return { kind: 'confirm', from: link.email.senderName ?? link.email.sender };
}
