import { FIELDS_PREFIX, SNIPPET_PREFIX, templateVariables } from '../../../../shared/template/parse';

/** The tag being typed at the caret: `{{` at `start`, the partial name, and where it ends. */
export interface Completion {
  start: number;
  /** Exclusive; covers the rest of the name and a closing `}}` already typed after the caret. */
  end: number;
  query: string;
}

const NAME_CHARS = /^[A-Za-z0-9_. -]*$/;

/**
 * Finds an open tag the caret is inside, e.g. `Hi {{fir|` → query "fir". None once the tag has a
 * fallback (`|`) or the caret sits after its `}}`: the rep is past choosing a name by then.
 */
export function completionAt(text: string, caret: number): Completion | null {
  const start = text.lastIndexOf('{{', caret - 2);
  if (start < 0 || caret < start + 2) return null;
  const typed = text.slice(start + 2, caret);
  if (!NAME_CHARS.test(typed) || typed.includes('}')) return null;
  const rest = /^[A-Za-z0-9_.-]*(\s*\}\})?/.exec(text.slice(caret))?.[0] ?? '';
  return { start, end: caret + rest.length, query: typed.trim() };
}

export interface CompletionSource {
  snippets: readonly string[];
  /** Custom field names known for the preview contact (become `fields.NAME`). */
  fields: readonly string[];
}

/** Candidates for `query`: names that start with it first, then names that contain it. With an empty
 * query every variable shows, so the cap leaves room for custom fields and snippets after them. */
export function suggestionsFor(query: string, source: CompletionSource, max = 20): string[] {
  const all = [
    ...templateVariables,
    ...source.fields.map((f) => `${FIELDS_PREFIX}${f}`),
    ...source.snippets.map((s) => `${SNIPPET_PREFIX}${s}`),
  ];
  const q = query.toLowerCase();
  const starts = all.filter((name) => name.toLowerCase().startsWith(q));
  const contains = all.filter((name) => !name.toLowerCase().startsWith(q) && name.toLowerCase().includes(q));
  return [...new Set([...starts, ...contains])].slice(0, max);
}

/** Replaces the tag being typed with `{{name}}` and puts the caret after it. */
export function applyCompletion(text: string, c: Completion, name: string): { text: string; caret: number } {
  const tag = `{{${name}}}`;
  return { text: text.slice(0, c.start) + tag + text.slice(c.end), caret: c.start + tag.length };
}
