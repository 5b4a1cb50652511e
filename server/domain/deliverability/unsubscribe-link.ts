import { eq } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { contacts, emails, mailboxes } from '../../db/schema';
import { verifyUnsubscribeToken } from './unsubscribe-token';

/** What an unsubscribe link points at: a forged or altered token, a deleted email, or the email. */
export type UnsubscribeLink =
  | { kind: 'invalid' }
  | { kind: 'gone' }
  | {
      kind: 'found';
      email: {
        id: string;
        teamId: string;
        contactId: string;
        unsubscribedAt: Date | null;
        sender: string | null;
        senderName: string | null;
      };
    };

export async function loadUnsubscribeLink(
  db: Db,
  secretKey: Buffer,
  token: string,
): Promise<UnsubscribeLink> {
  const emailId = verifyUnsubscribeToken(secretKey, token);
  if (!emailId) return { kind: 'invalid' };
  const [row] = await db
    .select({
      id: emails.id,
      teamId: emails.teamId,
      contactId: emails.contactId,
      unsubscribedAt: contacts.unsubscribedAt,
      sender: mailboxes.address,
      senderName: mailboxes.name,
    })
    .from(emails)
    .innerJoin(contacts, eq(contacts.id, emails.contactId))
    .leftJoin(mailboxes, eq(mailboxes.id, emails.mailboxId))
    .where(eq(emails.id, emailId));
  return row ? { kind: 'found', email: row } : { kind: 'gone' };
}
