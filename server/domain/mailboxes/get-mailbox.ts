import type { Actor } from '../actor';
import type { MailboxDto } from './mailbox-dto';
import { type MailboxDeps, mailboxDto } from './mailbox-views';
import { loadMailboxFor } from './mailbox-writes';

/** A mailbox the actor may manage, with its sync state. */
export async function getMailbox(deps: MailboxDeps, actor: Actor, id: string): Promise<MailboxDto> {
  return mailboxDto(deps, await loadMailboxFor(deps.db, actor, id));
}
