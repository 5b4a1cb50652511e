import { FIELDS_PREFIX, type ParsedTag, parseTemplateCached } from './parse';

export interface TemplateSender {
  readonly name?: string | null | undefined;
  /** Derived from `name` when absent. */
  readonly firstName?: string | null | undefined;
  readonly email?: string | null | undefined;
  readonly signature?: string | null | undefined;
  /** The sender's booking page (mailbox setting), `{{meetingLink}}`. */
  readonly meetingLink?: string | null | undefined;
}

export interface TemplateContext {
  readonly firstName?: string | null | undefined;
  readonly lastName?: string | null | undefined;
  readonly company?: string | null | undefined;
  readonly title?: string | null | undefined;
  readonly email?: string | null | undefined;
  readonly personalizedOpener?: string | null | undefined;
  readonly fields?: Readonly<Record<string, string>> | null | undefined;
  readonly sender?: TemplateSender | null | undefined;
}

export interface RenderOptions {
  /** Escape substituted values for an HTML body; the template's own markup is left alone. */
  readonly html: boolean;
  readonly snippets: Readonly<Record<string, string>>;
  /** Most characters the output may hold (default RENDER_LIMITS.body); rendering stops there. */
  readonly maxLength?: number | undefined;
}

export type TemplatePart = 'subject' | 'body';

/*
 * The most an email's subject and body may hold once every snippet and variable is filled in, in
 * characters (UTF-16 code units) of the text the recipient reads. Steps and snippets are bounded
 * when saved, but snippets include snippets and a tag may repeat, so what they expand to is not:
 * ten snippets of 50,000 characters each included ten times is already 5 MB. Gmail clips a message
 * at 102 KB, so 256 Ki characters leaves every real email whole; a subject is one line.
 */
export const RENDER_LIMITS: Readonly<Record<TemplatePart, number>> = {
  subject: 2_000,
  body: 256 * 1024,
};

/** What blocks a send, without the text. */
export interface TemplateIssues {
  /** Variable names with no value and no fallback (malformed tags appear as their raw text). */
  readonly missingVariables: string[];
  /** Snippets that do not exist, loop back on themselves or nest too deeply. */
  readonly missingSnippets: string[];
  readonly openerMissing: boolean;
  /** Parts that pass RENDER_LIMITS once filled in (their rendering stopped at the limit). */
  readonly oversized?: TemplatePart[] | undefined;
}

export interface RenderResult extends TemplateIssues {
  /** The filled-in template; cut at the limit when `tooLarge`. */
  readonly output: string;
  /** The output would pass `maxLength`: rendering stopped there, so nothing larger was ever built. */
  readonly tooLarge: boolean;
  /** Each snippet loop found, as "a → b → a"; the looping snippet is also in missingSnippets. */
  readonly snippetCycles: string[];
}

/*
 * Snippets may include snippets. The depth cap bounds recursion; the expansion cap bounds the work
 * when every level includes the next one several times (10 per level over 8 levels is 10^8 copies).
 */
export const MAX_SNIPPET_DEPTH = 8;
export const MAX_SNIPPET_EXPANSIONS = 500;

interface State {
  readonly ctx: TemplateContext;
  readonly snippets: Readonly<Record<string, string>>;
  readonly html: boolean;
  readonly emit: boolean;
  out: string;
  // Sets: a huge template with thousands of distinct gaps must not turn de-duplication quadratic.
  readonly missingVariables: Set<string>;
  readonly missingSnippets: Set<string>;
  readonly snippetCycles: Set<string>;
  openerMissing: boolean;
  readonly stack: string[];
  expansions: number;
  /** Characters produced so far (counted even when not emitting) and where rendering stops. */
  length: number;
  maxLength: number;
  tooLarge: boolean;
}

const htmlSpecial = /[&<>"']/;
const htmlSpecialGlobal = /[&<>"']/g;
const htmlEntities: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

export function escapeHtml(value: string): string {
  return htmlSpecial.test(value) ? value.replace(htmlSpecialGlobal, (c) => htmlEntities[c] ?? c) : value;
}

export function present(value: string | null | undefined): value is string {
  return value != null && value.trim() !== '';
}

function senderFirstName(sender: TemplateSender): string | null | undefined {
  if (present(sender.firstName)) return sender.firstName;
  return sender.name?.trim().split(/\s+/)[0];
}

export function lookup(ctx: TemplateContext, name: string): string | null | undefined {
  switch (name) {
    case 'firstName':
      return ctx.firstName;
    case 'lastName':
      return ctx.lastName;
    case 'company':
      return ctx.company;
    case 'title':
      return ctx.title;
    case 'email':
      return ctx.email;
    case 'personalizedOpener':
      return ctx.personalizedOpener;
    case 'sender.name':
      return ctx.sender?.name;
    case 'sender.firstName':
      return ctx.sender ? senderFirstName(ctx.sender) : undefined;
    case 'sender.email':
      return ctx.sender?.email;
    case 'sender.signature':
      return ctx.sender?.signature;
    case 'meetingLink':
      return ctx.sender?.meetingLink;
  }
  if (name.startsWith(FIELDS_PREFIX) && ctx.fields != null) {
    const key = name.slice(FIELDS_PREFIX.length);
    // hasOwn: a field called "constructor" or "__proto__" must not read Object.prototype.
    return Object.hasOwn(ctx.fields, key) ? ctx.fields[key] : undefined;
  }
  return undefined;
}

/** Appends `text` unless that passes the limit: then only what fits, and rendering stops. */
function write(st: State, text: string): void {
  if (st.tooLarge) return;
  const room = st.maxLength - st.length;
  if (text.length > room) {
    st.tooLarge = true;
    if (st.emit) st.out += text.slice(0, room);
    st.length = st.maxLength;
    return;
  }
  st.length += text.length;
  if (st.emit) st.out += text;
}

function writeValue(st: State, name: string, value: string): void {
  // The signature is the rep's own markup, like the template, so it is not escaped.
  write(st, st.html && name !== 'sender.signature' ? escapeHtml(value) : value);
}

function expandSnippet(
  st: State,
  name: string,
  fallback: string | undefined,
  raw: string,
  depth: number,
): void {
  const body = Object.hasOwn(st.snippets, name) ? st.snippets[name] : undefined;
  if (body === undefined) {
    if (fallback !== undefined) {
      writeValue(st, '', fallback);
    } else {
      st.missingSnippets.add(name);
      write(st, raw);
    }
    return;
  }
  const from = st.stack.indexOf(name);
  if (from >= 0) {
    st.snippetCycles.add([...st.stack.slice(from), name].join(' → '));
    st.missingSnippets.add(name);
    write(st, raw);
    return;
  }
  if (depth >= MAX_SNIPPET_DEPTH || st.expansions >= MAX_SNIPPET_EXPANSIONS) {
    st.missingSnippets.add(name);
    write(st, raw);
    return;
  }
  st.expansions++;
  st.stack.push(name);
  renderInto(st, body, depth + 1);
  st.stack.pop();
}

function renderInto(st: State, template: string, depth: number): void {
  const { texts, tags } = parseTemplateCached(template);
  // Once over the limit nothing more is expanded: a snippet bomb costs its first `maxLength` characters.
  for (let i = 0; i < tags.length && !st.tooLarge; i++) {
    write(st, texts[i] ?? '');
    const { raw, expr } = tags[i] as ParsedTag;
    if (expr.kind === 'invalid') {
      st.missingVariables.add(raw);
      write(st, raw);
      continue;
    }
    if (expr.kind === 'snippet') {
      expandSnippet(st, expr.name, expr.fallback, raw, depth);
      continue;
    }
    const value = lookup(st.ctx, expr.name);
    if (present(value)) writeValue(st, expr.name, value);
    else if (expr.fallback !== undefined) writeValue(st, expr.name, expr.fallback);
    else {
      // The opener has its own not-sent reason, so it is not also counted as a missing variable.
      if (expr.name === 'personalizedOpener') st.openerMissing = true;
      else st.missingVariables.add(expr.name);
      write(st, raw);
    }
  }
  write(st, texts[tags.length] ?? '');
}

function newState(
  ctx: TemplateContext,
  snippets: Readonly<Record<string, string>>,
  html: boolean,
  emit: boolean,
  maxLength: number,
) {
  return {
    ctx,
    snippets,
    html,
    emit,
    out: '',
    missingVariables: new Set<string>(),
    missingSnippets: new Set<string>(),
    snippetCycles: new Set<string>(),
    openerMissing: false,
    stack: [],
    expansions: 0,
    length: 0,
    maxLength,
    tooLarge: false,
  } satisfies State as State;
}

/**
 * Substitutes variables and snippets. Never throws: text that is not a complete tag is copied as
 * is, and a tag that cannot be filled stays in the output as written so a preview shows the gap.
 */
export function renderTemplate(template: string, ctx: TemplateContext, opts: RenderOptions): RenderResult {
  const st = newState(ctx, opts.snippets, opts.html, true, opts.maxLength ?? RENDER_LIMITS.body);
  renderInto(st, template, 0);
  return {
    output: st.out,
    tooLarge: st.tooLarge,
    missingVariables: [...st.missingVariables],
    missingSnippets: [...st.missingSnippets],
    openerMissing: st.openerMissing,
    snippetCycles: [...st.snippetCycles],
  };
}

/**
 * The issues of an email's subject and body together, without building any output: what the send
 * guard checks. Each part is measured against its own limit.
 */
export function inspectEmail(
  parts: { readonly subject?: string | null | undefined; readonly body?: string | null | undefined },
  ctx: TemplateContext,
  snippets: Readonly<Record<string, string>>,
): TemplateIssues {
  const st = newState(ctx, snippets, false, false, 0);
  const oversized: TemplatePart[] = [];
  for (const part of ['subject', 'body'] as const) {
    const template = parts[part];
    if (template == null) continue;
    st.length = 0;
    st.maxLength = RENDER_LIMITS[part];
    st.tooLarge = false;
    renderInto(st, template, 0);
    if (st.tooLarge) oversized.push(part);
  }
  return {
    missingVariables: [...st.missingVariables],
    missingSnippets: [...st.missingSnippets],
    openerMissing: st.openerMissing,
    ...(oversized.length > 0 && { oversized }),
  };
}

/**
 * How long a template gets once its snippets are filled in, with variables counted as written (their
 * values are not known when a step or snippet is saved): the save-time check against snippet bombs.
 * Stops counting at the limit, so the answer costs at most `maxLength` characters of work.
 */
export function expandedLength(
  template: string,
  snippets: Readonly<Record<string, string>>,
  maxLength: number,
): { length: number; tooLarge: boolean } {
  const st = newState({}, snippets, false, false, maxLength);
  renderInto(st, template, 0);
  return { length: st.length, tooLarge: st.tooLarge };
}
