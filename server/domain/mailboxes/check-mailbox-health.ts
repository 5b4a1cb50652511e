import type { MailboxHealth } from '../../../shared/schemas/mailbox';
import type { Db } from '../../db/client';
import type { Actor } from '../actor';
import { checkDomainHealth, mailboxAdvice, type ResolveTxt, worst } from './domain-health';
import { loadMailboxFor } from './mailbox-writes';

/** DNS checks of the sending domain (SPF, DKIM, DMARC) and the mailbox's own settings, with advice. */
export async function checkMailboxHealth(
  { db, now, resolveTxt }: { db: Db; now: Date; resolveTxt: ResolveTxt },
  actor: Actor,
  id: string,
  q: { selector?: string | undefined },
): Promise<MailboxHealth> {
  const row = await loadMailboxFor(db, actor, id);
  const domain = row.address.slice(row.address.lastIndexOf('@') + 1);
  const health = await checkDomainHealth(resolveTxt, {
    domain,
    provider: row.provider,
    selectors: q.selector?.split(','),
  });
  const mailbox = mailboxAdvice(row);
  return {
    mailboxId: row.id,
    checkedAt: now.toISOString(),
    ...health,
    status: worst([health.status, mailbox.status]),
    mailbox,
  };
}
