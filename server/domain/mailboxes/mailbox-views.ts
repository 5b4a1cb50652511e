import { inArray } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { mailboxSync } from '../../db/schema';
import type { Actor } from '../actor';
import { type MailboxDto, type MailboxRow, toMailboxDto } from './mailbox-dto';

/** What mailbox use-cases need besides the database: sealing keys, links, and the host policy. */
export interface MailboxConfig {
  secretKey: Buffer;
  publicUrl: string;
  /** STRIDE_ALLOW_PRIVATE_PROVIDER_HOSTS: admins may point mailboxes at internal hosts. */
  allowPrivateProviderHosts?: boolean | undefined;
}

export interface MailboxDeps {
  db: Db;
  now: Date;
  config: MailboxConfig;
}

/** The context mailbox-writes takes for a write on behalf of `actor`. */
export const writeContext = ({ now, config }: MailboxDeps, actor: Actor) => ({
  user: actor,
  secretKey: config.secretKey,
  now,
  allowInternalHosts: config.allowPrivateProviderHosts ?? false,
});

/** Mailboxes as the API shows them, each with its sync state when `withSync` (reads do; writes did not). */
export async function mailboxDtos(
  { db, now, config }: MailboxDeps,
  rows: MailboxRow[],
  withSync = true,
): Promise<MailboxDto[]> {
  const ids = rows.map((r) => r.id);
  const syncRows =
    withSync && ids.length
      ? await db.select().from(mailboxSync).where(inArray(mailboxSync.mailboxId, ids))
      : [];
  const sync = new Map(syncRows.map((r) => [r.mailboxId, r]));
  return rows.map((row) => toMailboxDto(row, config, now, sync.get(row.id)));
}

export async function mailboxDto(deps: MailboxDeps, row: MailboxRow, withSync = true): Promise<MailboxDto> {
  const [dto] = await mailboxDtos(deps, [row], withSync);
  return dto as MailboxDto;
}
