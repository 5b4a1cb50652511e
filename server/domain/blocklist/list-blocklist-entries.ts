import { and, asc, eq, gt } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { blocklist } from '../../db/schema';
import type { Actor } from '../actor';
import { type Page, toPage } from '../page';
import { type BlocklistEntry, toBlocklistEntryDto } from './blocklist-dto';

export interface ListBlocklistQuery {
  limit: number;
  cursor?: string;
  kind?: 'email' | 'domain';
  value?: string;
}

export async function listBlocklistEntries(
  { db }: { db: Db },
  actor: Actor,
  q: ListBlocklistQuery,
): Promise<Page<BlocklistEntry>> {
  const rows = await db
    .select()
    .from(blocklist)
    .where(
      and(
        eq(blocklist.teamId, actor.teamId),
        q.kind ? eq(blocklist.kind, q.kind) : undefined,
        q.value ? eq(blocklist.value, q.value) : undefined,
        q.cursor ? gt(blocklist.id, q.cursor) : undefined,
      ),
    )
    .orderBy(asc(blocklist.id))
    .limit(q.limit + 1);
  const page = toPage(rows, q.limit);
  return { ...page, items: page.items.map(toBlocklistEntryDto) };
}
