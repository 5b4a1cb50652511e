import { and, eq } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { snippets } from '../../db/schema';
import type { Actor } from '../actor';
import { isUniqueViolation } from '../contacts/team-refs';
import { conflict, notFound } from '../errors';
import type { SnippetRow } from './snippet-rules';

/** A snippet of the actor's team, or 404. */
export async function loadSnippet(db: Db, actor: Actor, id: string): Promise<SnippetRow> {
  const [row] = await db
    .select()
    .from(snippets)
    .where(and(eq(snippets.teamId, actor.teamId), eq(snippets.id, id)));
  if (!row) throw notFound('snippet');
  return row;
}

/** Runs `write` unless the team has a snippet of this name; a concurrent twin is the same 409. */
export async function uniqueName<T>(
  db: Db,
  teamId: string,
  name: string,
  write: () => Promise<T>,
): Promise<T> {
  const [clash] = await db
    .select({ id: snippets.id })
    .from(snippets)
    .where(and(eq(snippets.teamId, teamId), eq(snippets.name, name)));
  const taken = () => conflict(`a snippet named "${name}" already exists`, { snippetId: clash?.id });
  if (clash) throw taken();
  try {
    return await write();
  } catch (err) {
    if (isUniqueViolation(err)) throw taken();
    throw err;
  }
}
