/*
 * The template grammar shared by the renderer and the validator.
 *
 * A tag is `{{ name }}` or `{{ name | "fallback" }}` (single or double quotes, no escapes). A tag ends
 * at the first `}}`, so a fallback cannot contain `}}`. When several `{{` come before that `}}`, the
 * last one opens the tag and the earlier ones are plain text: `{{a {{b}}` is the text `{{a ` plus the
 * tag `b`, and `{{{b}}}` is `{` + tag + `}`. Scanning only ever moves forward with indexOf, so the
 * cost is linear in the template length whatever it contains.
 */

/** Every variable a template may use besides `fields.X` and `snippet.NAME`. */
export const templateVariables = [
  'firstName',
  'lastName',
  'company',
  'title',
  'email',
  'personalizedOpener',
  'sender.name',
  'sender.firstName',
  'sender.email',
  'sender.signature',
] as const;
export type TemplateVariable = (typeof templateVariables)[number];

const knownVariables: ReadonlySet<string> = new Set<string>(templateVariables);

export const FIELDS_PREFIX = 'fields.';
export const SNIPPET_PREFIX = 'snippet.';

export type TagExpr =
  | { readonly kind: 'variable'; readonly name: string; readonly fallback: string | undefined }
  | { readonly kind: 'snippet'; readonly name: string; readonly fallback: string | undefined }
  | { readonly kind: 'invalid'; readonly problem: string };

/** Start of the next complete tag at or after `from`, or -1 when no `{{ … }}` remains. */
export function nextTagStart(template: string, from: number): number {
  const open = template.indexOf('{{', from);
  if (open < 0) return -1;
  const close = template.indexOf('}}', open + 2);
  if (close < 0) return -1;
  return template.lastIndexOf('{{', close - 2);
}

/** End (exclusive) of the tag that starts at `start`, as found by nextTagStart. */
export function tagEnd(template: string, start: number): number {
  return template.indexOf('}}', start + 2) + 2;
}

export function isKnownVariable(name: string): boolean {
  return knownVariables.has(name) || (name.startsWith(FIELDS_PREFIX) && name.length > FIELDS_PREFIX.length);
}

function parseFallback(raw: string): string | undefined {
  const text = raw.trim();
  const quote = text[0];
  if (text.length < 2 || (quote !== '"' && quote !== "'") || text[text.length - 1] !== quote)
    return undefined;
  const inner = text.slice(1, -1);
  return inner.includes(quote) ? undefined : inner;
}

/** Parses what sits between `{{` and `}}`. */
export function parseTag(inner: string): TagExpr {
  const bar = inner.indexOf('|');
  const name = (bar < 0 ? inner : inner.slice(0, bar)).trim();
  if (name === '') {
    return { kind: 'invalid', problem: 'Empty tag: put a variable name between {{ and }}.' };
  }
  if (name.includes('{') || name.includes('}')) {
    return { kind: 'invalid', problem: `Stray brace in "{{${inner}}}": write tags as {{name}}.` };
  }
  let fallback: string | undefined;
  if (bar >= 0) {
    fallback = parseFallback(inner.slice(bar + 1));
    if (fallback === undefined) {
      return {
        kind: 'invalid',
        problem: `Bad fallback in "{{${inner}}}": write it as {{${name} | "text"}} with matching quotes.`,
      };
    }
  }
  if (name.startsWith(SNIPPET_PREFIX)) {
    const snippet = name.slice(SNIPPET_PREFIX.length).trim();
    if (snippet === '')
      return { kind: 'invalid', problem: 'Snippet tag without a name: use {{snippet.NAME}}.' };
    return { kind: 'snippet', name: snippet, fallback };
  }
  return { kind: 'variable', name, fallback };
}
