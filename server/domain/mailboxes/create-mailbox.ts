import type { Actor } from '../actor';
import type { MailboxDto } from './mailbox-dto';
import { type MailboxDeps, mailboxDto, writeContext } from './mailbox-views';
import { type CreateMailboxInput, insertMailbox } from './mailbox-writes';

/** Links a mailbox for the actor (limits, address rules and settings checks live in mailbox-writes). */
export async function createMailbox(
  deps: MailboxDeps,
  actor: Actor,
  input: CreateMailboxInput,
): Promise<MailboxDto> {
  const row = await insertMailbox(deps.db, input, writeContext(deps, actor));
  return mailboxDto(deps, row, false);
}
