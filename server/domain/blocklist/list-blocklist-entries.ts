import { eq } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { blocklist } from '../../db/schema';
import type { Actor } from '../actor';
import { keysetPage, mapPage, type PageQuery } from '../keyset-page';
import type { Page } from '../page';
import { type BlocklistEntry, toBlocklistEntryDto } from './blocklist-dto';

export interface ListBlocklistQuery extends PageQuery {
  kind?: 'email' | 'domain';
  value?: string;
}

export async function listBlocklistEntries(
  { db }: { db: Db },
  actor: Actor,
  q: ListBlocklistQuery,
): Promise<Page<BlocklistEntry>> {
  const page = await keysetPage(
    db.select().from(blocklist).$dynamic(),
    blocklist.id,
    [
      eq(blocklist.teamId, actor.teamId),
      q.kind ? eq(blocklist.kind, q.kind) : undefined,
      q.value ? eq(blocklist.value, q.value) : undefined,
    ],
    q,
  );
  return mapPage(page, toBlocklistEntryDto);
}
