import type { Actor } from '../actor';
import type { MailboxDto } from './mailbox-dto';
import { type MailboxDeps, mailboxDto, writeContext } from './mailbox-views';
import { loadMailboxFor, updateMailbox } from './mailbox-writes';

/** Marks a mailbox active again, with new settings (merged) or, without, the stored ones if complete. */
export async function reconnectMailbox(
  deps: MailboxDeps,
  actor: Actor,
  id: string,
  input: { settings?: Record<string, unknown> | undefined },
): Promise<MailboxDto> {
  const row = await loadMailboxFor(deps.db, actor, id);
  const updated = await updateMailbox(
    deps.db,
    row.id,
    { settings: input.settings },
    { ...writeContext(deps, actor), reconnect: true },
  );
  return mailboxDto(deps, updated, false);
}
