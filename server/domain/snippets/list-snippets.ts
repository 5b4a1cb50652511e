import { and, asc, eq, gt } from 'drizzle-orm';
import type { SnippetDto } from '../../../shared/schemas/snippet';
import type { Db } from '../../db/client';
import { snippets } from '../../db/schema';
import type { Actor } from '../actor';
import { type Page, toPage } from '../page';
import { toSnippetDto } from './snippet-rules';

export interface ListSnippetsQuery {
  limit: number;
  cursor?: string;
  name?: string;
}

/** The team's snippets by id, optionally the one of an exact name. */
export async function listSnippets(
  { db }: { db: Db },
  actor: Actor,
  q: ListSnippetsQuery,
): Promise<Page<SnippetDto>> {
  const rows = await db
    .select()
    .from(snippets)
    .where(
      and(
        eq(snippets.teamId, actor.teamId),
        q.name ? eq(snippets.name, q.name) : undefined,
        q.cursor ? gt(snippets.id, q.cursor) : undefined,
      ),
    )
    .orderBy(asc(snippets.id))
    .limit(q.limit + 1);
  const page = toPage(rows, q.limit);
  return { ...page, items: page.items.map(toSnippetDto) };
}
