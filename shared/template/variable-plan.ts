import { type ParsedTag, parseTemplateCached } from './parse';
import {
  inspectEmail,
  lookup,
  MAX_SNIPPET_DEPTH,
  MAX_SNIPPET_EXPANSIONS,
  present,
  RENDER_LIMITS,
  type TemplateContext,
  type TemplatePart,
} from './render';

/*
 * Enrolling 10,000 contacts checks the same step template against every contact. Walking the
 * template (and its snippets) once per request and keeping only what depends on the contact — the
 * variable tags, in order — makes each contact's check a short loop instead of a full inspection.
 * The answer is the one `inspectEmail` gives: the walk is the renderer's own, and a contact whose
 * values would push a part past its limit (where the renderer stops early) is inspected in full.
 */

type Segment =
  | { readonly kind: 'text'; readonly length: number }
  | {
      readonly kind: 'variable';
      readonly name: string;
      readonly fallback: string | undefined;
      readonly raw: string;
    }
  | { readonly kind: 'invalid'; readonly raw: string };

interface Walk {
  readonly snippets: Readonly<Record<string, string>>;
  readonly segments: Segment[];
  readonly stack: string[];
  expansions: number;
}

function text(w: Walk, s: string): void {
  if (s.length > 0) w.segments.push({ kind: 'text', length: s.length });
}

function walk(w: Walk, template: string, depth: number): void {
  const { texts, tags } = parseTemplateCached(template);
  for (let i = 0; i < tags.length; i++) {
    text(w, texts[i] ?? '');
    const { raw, expr } = tags[i] as ParsedTag;
    if (expr.kind === 'invalid') {
      w.segments.push({ kind: 'invalid', raw });
      continue;
    }
    if (expr.kind === 'variable') {
      w.segments.push({ kind: 'variable', name: expr.name, fallback: expr.fallback, raw });
      continue;
    }
    // Snippets do not depend on the contact: expanded here exactly as the renderer expands them.
    const body = Object.hasOwn(w.snippets, expr.name) ? w.snippets[expr.name] : undefined;
    if (body === undefined) {
      text(w, expr.fallback ?? raw);
      continue;
    }
    if (w.stack.includes(expr.name) || depth >= MAX_SNIPPET_DEPTH || w.expansions >= MAX_SNIPPET_EXPANSIONS) {
      text(w, raw);
      continue;
    }
    w.expansions++;
    w.stack.push(expr.name);
    walk(w, body, depth + 1);
    w.stack.pop();
  }
  text(w, texts[tags.length] ?? '');
}

/**
 * A check equal to `inspectEmail(parts, ctx, snippets).missingVariables` for any context, with the
 * templates and snippets read once.
 */
export function missingVariablesCheck(
  parts: { readonly subject?: string | null | undefined; readonly body?: string | null | undefined },
  snippets: Readonly<Record<string, string>>,
): (ctx: TemplateContext) => string[] {
  const planned: { readonly limit: number; readonly segments: Segment[] }[] = [];
  for (const part of ['subject', 'body'] as const satisfies TemplatePart[]) {
    const template = parts[part];
    if (template == null) continue;
    const w: Walk = { snippets, segments: [], stack: [], expansions: 0 };
    walk(w, template, 0);
    planned.push({ limit: RENDER_LIMITS[part], segments: w.segments });
  }
  return (ctx) => {
    const missing = new Set<string>();
    for (const { limit, segments } of planned) {
      let length = 0;
      for (const seg of segments) {
        if (seg.kind === 'text') {
          length += seg.length;
        } else if (seg.kind === 'invalid') {
          missing.add(seg.raw);
          length += seg.raw.length;
        } else {
          const value = lookup(ctx, seg.name);
          if (present(value)) length += value.length;
          else if (seg.fallback !== undefined) length += seg.fallback.length;
          else {
            if (seg.name !== 'personalizedOpener') missing.add(seg.name);
            length += seg.raw.length;
          }
        }
      }
      // Past the limit the renderer stops and reports only what came before: let it answer.
      if (length > limit) return inspectEmail(parts, ctx, snippets).missingVariables;
    }
    return [...missing];
  };
}
