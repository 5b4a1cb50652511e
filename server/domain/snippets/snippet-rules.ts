import type { SnippetDto } from '../../../shared/schemas/snippet';
import { validateTemplate } from '../../../shared/template/validate';
import type { snippets } from '../../db/schema';
import type { Actor } from '../actor';
import { forbidden, invalid } from '../errors';

export type SnippetRow = typeof snippets.$inferSelect;

export const toSnippetDto = (s: SnippetRow): SnippetDto => ({
  id: s.id,
  name: s.name,
  body: s.body,
  ownerId: s.ownerId,
  createdAt: s.createdAt.toISOString(),
  updatedAt: s.updatedAt.toISOString(),
});

/** A snippet body is checked like a template: problems answer 400 with their positions. */
export function assertValidBody(body: string | undefined): void {
  if (body === undefined) return;
  const problems = validateTemplate(body);
  if (problems.length === 0) return;
  throw invalid(
    `body: ${problems[0]?.message}`,
    problems.map((p) => ({ path: 'body', message: p.message, index: p.index })),
    'invalid_template',
  );
}

/** The whole team uses snippets; only their author (or an admin) may change what everyone sends. */
export function assertMayEdit(actor: Actor, row: SnippetRow): void {
  if (actor.role !== 'admin' && row.ownerId !== actor.id)
    throw forbidden('only its owner or an admin may change a snippet');
}
