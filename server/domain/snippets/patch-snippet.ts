import { eq } from 'drizzle-orm';
import type { SnippetDto } from '../../../shared/schemas/snippet';
import type { Db } from '../../db/client';
import { snippets } from '../../db/schema';
import type { Actor } from '../actor';
import { notFound } from '../errors';
import { assertSnippetExpandable } from './expansion-check';
import { loadSnippet, uniqueName } from './snippet-queries';
import { assertMayEdit, assertValidBody, type SnippetRow, toSnippetDto } from './snippet-rules';

/** Renames and/or rewrites a snippet; an unchanged patch answers the snippet as it is. */
export async function patchSnippet(
  { db, now }: { db: Db; now: Date },
  actor: Actor,
  id: string,
  patch: { name?: string; body?: string },
): Promise<SnippetDto> {
  const current = await loadSnippet(db, actor, id);
  assertMayEdit(actor, current);
  assertValidBody(patch.body);
  const changes: Partial<Pick<SnippetRow, 'name' | 'body'>> = {};
  if (patch.name !== undefined && patch.name !== current.name) changes.name = patch.name;
  if (patch.body !== undefined && patch.body !== current.body) changes.body = patch.body;
  if (Object.keys(changes).length === 0) return toSnippetDto(current);
  await assertSnippetExpandable(db, actor.teamId, {
    name: changes.name ?? current.name,
    body: changes.body ?? current.body,
    previousName: current.name,
  });
  const write = async () => {
    const [updated] = await db
      .update(snippets)
      .set({ ...changes, updatedAt: now })
      .where(eq(snippets.id, current.id))
      .returning();
    if (!updated) throw notFound('snippet');
    return updated;
  };
  const row = changes.name ? await uniqueName(db, actor.teamId, changes.name, write) : await write();
  return toSnippetDto(row);
}
