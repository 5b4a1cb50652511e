import type { Actor } from '../actor';
import type { MailboxDto } from './mailbox-dto';
import { type MailboxDeps, mailboxDto, writeContext } from './mailbox-views';
import { loadMailboxFor, type UpdateMailboxInput, updateMailbox } from './mailbox-writes';

/** Changes a mailbox the actor may manage; new settings re-seal and reconnect it. */
export async function patchMailbox(
  deps: MailboxDeps,
  actor: Actor,
  id: string,
  patch: UpdateMailboxInput,
): Promise<MailboxDto> {
  const row = await loadMailboxFor(deps.db, actor, id);
  return mailboxDto(deps, await updateMailbox(deps.db, row.id, patch, writeContext(deps, actor)), false);
}
