import { eq } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { snippets } from '../../db/schema';
import type { Actor } from '../actor';
import { loadSnippet } from './snippet-queries';
import { assertMayEdit } from './snippet-rules';

export async function deleteSnippet({ db }: { db: Db }, actor: Actor, id: string): Promise<void> {
  const current = await loadSnippet(db, actor, id);
  assertMayEdit(actor, current);
  await db.delete(snippets).where(eq(snippets.id, current.id));
}
