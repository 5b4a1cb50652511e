import type { SnippetDto } from '../../../shared/schemas/snippet';
import type { Db } from '../../db/client';
import type { Actor } from '../actor';
import { loadSnippet } from './snippet-queries';
import { toSnippetDto } from './snippet-rules';

export async function getSnippet({ db }: { db: Db }, actor: Actor, id: string): Promise<SnippetDto> {
  return toSnippetDto(await loadSnippet(db, actor, id));
}
