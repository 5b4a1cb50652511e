/*
 * The template grammar shared by the renderer and the validator.
 *
 * A tag is `{{ name }}` or `{{ name | "fallback" }}` (single or double quotes, no escapes). A tag ends
 * at the first `}}`, so a fallback cannot contain `}}`. When several `{{` come before that `}}`, the
 * last one opens the tag and the earlier ones are plain text: `{{a {{b}}` is the text `{{a ` plus the
 * tag `b`, and `{{{b}}}` is `{` + tag + `}`. Each search starts where the last tag ended and looks
 * back no further than the `{{` it found, so every character is read a bounded number of times and
 * the cost stays linear in the template length whatever it contains.
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
  'meetingLink',
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

export interface ParsedTag {
  /** The tag as written, `{{` to `}}`. */
  readonly raw: string;
  readonly expr: TagExpr;
}

/** `texts[i]` precedes `tags[i]`; `texts` has one more entry than `tags` (the tail). */
export interface ParsedTemplate {
  readonly texts: readonly string[];
  readonly tags: readonly ParsedTag[];
}

export function parseTemplate(template: string): ParsedTemplate {
  const texts: string[] = [];
  const tags: ParsedTag[] = [];
  let pos = 0;
  for (let start = nextTagStart(template, 0); start >= 0; start = nextTagStart(template, pos)) {
    const end = tagEnd(template, start);
    texts.push(template.slice(pos, start));
    tags.push({ raw: template.slice(start, end), expr: parseTag(template.slice(start + 2, end - 2)) });
    pos = end;
  }
  texts.push(template.slice(pos));
  return { texts, tags };
}

/*
 * The scheduler checks the same step body and snippets for contact after contact; parsing each once
 * keeps a guard evaluation to a walk over the tags. Parsing is pure, so a cache changes nothing but
 * speed. Small and only for template-sized strings, so a stray megabyte is never held on to.
 */
const CACHE_ENTRIES = 128;
const CACHE_MAX_LENGTH = 16_384;
const parsedCache = new Map<string, ParsedTemplate>();

export function parseTemplateCached(template: string): ParsedTemplate {
  if (template.length > CACHE_MAX_LENGTH) return parseTemplate(template);
  const hit = parsedCache.get(template);
  if (hit) return hit;
  const parsed = parseTemplate(template);
  if (parsedCache.size >= CACHE_ENTRIES) {
    const oldest = parsedCache.keys().next();
    if (!oldest.done) parsedCache.delete(oldest.value);
  }
  parsedCache.set(template, parsed);
  return parsed;
}
