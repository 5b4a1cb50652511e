import type { SnippetDto } from '../../../shared/schemas/snippet';
import type { Db } from '../../db/client';
import { newId } from '../../db/ids';
import { snippets } from '../../db/schema';
import type { Actor } from '../actor';
import { assertSnippetExpandable } from './expansion-check';
import { uniqueName } from './snippet-queries';
import { assertValidBody, toSnippetDto } from './snippet-rules';

export async function createSnippet(
  { db, now }: { db: Db; now: Date },
  actor: Actor,
  input: { name: string; body: string },
): Promise<SnippetDto> {
  assertValidBody(input.body);
  await assertSnippetExpandable(db, actor.teamId, input);
  const row = await uniqueName(db, actor.teamId, input.name, async () => {
    const [inserted] = await db
      .insert(snippets)
      .values({
        id: newId('snp', now.getTime()),
        teamId: actor.teamId,
        ownerId: actor.id,
        name: input.name,
        body: input.body,
        createdAt: now,
        updatedAt: now,
      })
      .returning();
    if (!inserted) throw new Error('insert returned no row');
    return inserted;
  });
  return toSnippetDto(row);
}
