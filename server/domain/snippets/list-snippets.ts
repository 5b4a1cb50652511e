import { eq } from 'drizzle-orm';
import type { SnippetDto } from '../../../shared/schemas/snippet';
import type { Db } from '../../db/client';
import { snippets } from '../../db/schema';
import type { Actor } from '../actor';
import { keysetPage, mapPage, type PageQuery } from '../keyset-page';
import type { Page } from '../page';
import { toSnippetDto } from './snippet-rules';

export interface ListSnippetsQuery extends PageQuery {
  name?: string;
}

/** The team's snippets by id, optionally the one of an exact name. */
export async function listSnippets(
  { db }: { db: Db },
  actor: Actor,
  q: ListSnippetsQuery,
): Promise<Page<SnippetDto>> {
  const page = await keysetPage(
    db.select().from(snippets).$dynamic(),
    snippets.id,
    [eq(snippets.teamId, actor.teamId), q.name ? eq(snippets.name, q.name) : undefined],
    q,
  );
  return mapPage(page, toSnippetDto);
}
