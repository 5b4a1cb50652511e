import { and, eq, ilike, or } from 'drizzle-orm';
import { expandedLength, RENDER_LIMITS, type TemplatePart } from '../../../shared/template/render';
import type { DbOrTx } from '../../db/client';
import { sequences, snippets, steps } from '../../db/schema';
import { invalid } from '../errors';

/*
 * Save-time defence against snippet bombs: a step, a manual email or a snippet that fills in past
 * RENDER_LIMITS with the team's snippets is refused when it is written, not found out at send time.
 * Variables count as written (their values belong to each contact); the send guard measures the
 * real thing for each email and holds one that still passes the limit.
 */

export interface TemplateField {
  /** Where the field sits in the request, e.g. `steps.2.body`. */
  readonly path: string;
  readonly part: TemplatePart;
  readonly text: string | null | undefined;
}

export interface ExpansionProblem {
  readonly path: string;
  readonly message: string;
}

export type SnippetBodies = Readonly<Record<string, string>>;

const partWords: Readonly<Record<TemplatePart, string>> = { subject: 'subject', body: 'body' };

export function tooLongMessage(part: TemplatePart, what = `This ${partWords[part]}`): string {
  return (
    `${what} comes to more than ${RENDER_LIMITS[part].toLocaleString('en-US')} characters once its ` +
    'snippets are filled in, more than an email may hold. Include fewer or shorter snippets.'
  );
}

/** Whether a template passes its part's limit once the snippets are filled in (cheap without tags). */
export function expandsPastLimit(text: string | null | undefined, part: TemplatePart, set: SnippetBodies) {
  if (!text) return false;
  if (!text.includes('{{')) return text.length > RENDER_LIMITS[part];
  return expandedLength(text, set, RENDER_LIMITS[part]).tooLarge;
}

export function expansionProblems(fields: readonly TemplateField[], set: SnippetBodies): ExpansionProblem[] {
  return fields
    .filter((f) => expandsPastLimit(f.text, f.part, set))
    .map((f) => ({ path: f.path, message: tooLongMessage(f.part) }));
}

/** The team's snippet bodies by name, as the send guard sees them. */
export async function teamSnippets(db: DbOrTx, teamId: string): Promise<Record<string, string>> {
  const rows = await db
    .select({ name: snippets.name, body: snippets.body })
    .from(snippets)
    .where(eq(snippets.teamId, teamId));
  return Object.fromEntries(rows.map((r) => [r.name, r.body]));
}

/** Throws the API's 400 naming each field that fills in past its limit. */
export async function assertExpandable(
  db: DbOrTx,
  teamId: string,
  fields: readonly TemplateField[],
  code = 'validation_failed',
): Promise<void> {
  if (!fields.some((f) => f.text?.includes('{{') || (f.text?.length ?? 0) > RENDER_LIMITS[f.part])) return;
  const problems = expansionProblems(fields, await teamSnippets(db, teamId));
  const first = problems[0];
  if (first) throw invalid(`${first.path}: ${first.message}`, problems, code);
}

/**
 * A snippet about to be saved as `name` with `body` (replacing `previousName` when renamed): refused
 * when it fills in past the body limit itself, or when it would push a step of the team that uses
 * snippets past its limit (a step already past it before this change is not this snippet's doing).
 */
export async function assertSnippetExpandable(
  db: DbOrTx,
  teamId: string,
  snippet: { name: string; body: string; previousName?: string | undefined },
): Promise<void> {
  const before = await teamSnippets(db, teamId);
  const after: Record<string, string> = { ...before };
  if (snippet.previousName !== undefined) delete after[snippet.previousName];
  after[snippet.name] = snippet.body;
  if (expandsPastLimit(snippet.body, 'body', after)) {
    throw invalid(
      `body: ${tooLongMessage('body')}`,
      [{ path: 'body', message: tooLongMessage('body') }],
      'invalid_template',
    );
  }
  const users = await db
    .select({ subject: steps.subject, body: steps.body })
    .from(steps)
    .innerJoin(sequences, eq(sequences.id, steps.sequenceId))
    .where(
      and(
        eq(sequences.teamId, teamId),
        or(ilike(steps.body, '%snippet.%'), ilike(steps.subject, '%snippet.%')),
      ),
    );
  for (const step of users) {
    for (const part of ['subject', 'body'] as const) {
      if (!expandsPastLimit(step[part], part, after) || expandsPastLimit(step[part], part, before)) continue;
      // The sequence may be one the caller cannot see, so it is not named.
      const message = tooLongMessage(
        part,
        `With this snippet, the ${partWords[part]} of a step in your team's sequences`,
      );
      throw invalid(`body: ${message}`, [{ path: 'body', message }], 'invalid_template');
    }
  }
}
