import { isKnownVariable, nextTagStart, parseTag, tagEnd, templateVariables } from './parse';

export interface TemplateProblem {
  readonly message: string;
  /** Offset in the template (UTF-16 code units) where the problem starts. */
  readonly index: number;
}

export interface ValidateOptions {
  /** When given, `{{snippet.NAME}}` must name one of these. */
  readonly snippetNames?: ReadonlySet<string> | undefined;
}

/* A 400 response lists problems for a human to fix; past this many, more add nothing but bytes. */
const MAX_PROBLEMS = 50;

const lowerCaseVariables: ReadonlyMap<string, string> = new Map(
  templateVariables.map((v) => [v.toLowerCase(), v]),
);

function unknownVariableMessage(name: string): string {
  const suggestion = lowerCaseVariables.get(name.toLowerCase());
  const hint = suggestion
    ? ` Did you mean {{${suggestion}}}?`
    : ` Use one of ${templateVariables.map((v) => `{{${v}}}`).join(', ')} or {{fields.NAME}}.`;
  return `Unknown variable {{${name}}}.${hint}`;
}

function checkText(template: string, from: number, to: number, problems: TemplateProblem[]): void {
  for (let i = template.indexOf('{{', from); i >= 0 && i < to - 1; i = template.indexOf('{{', i + 2)) {
    problems.push({ index: i, message: 'Unclosed "{{": add "}}" after the variable name.' });
    if (problems.length >= MAX_PROBLEMS) return;
  }
  for (let i = template.indexOf('}}', from); i >= 0 && i < to - 1; i = template.indexOf('}}', i + 2)) {
    problems.push({ index: i, message: '"}}" without a matching "{{" before it.' });
    if (problems.length >= MAX_PROBLEMS) return;
  }
}

/**
 * Problems that make a template unusable, in order of position (step and snippet saves answer 400
 * with them). Linear in the template length: every search only moves forward.
 */
export function validateTemplate(template: string, opts: ValidateOptions = {}): TemplateProblem[] {
  const problems: TemplateProblem[] = [];
  let pos = 0;
  while (problems.length < MAX_PROBLEMS) {
    const start = nextTagStart(template, pos);
    const textEnd = start < 0 ? template.length : start;
    checkText(template, pos, textEnd, problems);
    if (start < 0 || problems.length >= MAX_PROBLEMS) break;
    const end = tagEnd(template, start);
    pos = end;
    if (template[start - 1] === '{' || template[end] === '}') {
      const index = template[start - 1] === '{' ? start - 1 : start;
      problems.push({ index, message: 'Extra brace around a tag: write {{name}} with exactly two braces.' });
      continue;
    }
    const expr = parseTag(template.slice(start + 2, end - 2));
    if (expr.kind === 'invalid') problems.push({ index: start, message: expr.problem });
    else if (expr.kind === 'variable' && !isKnownVariable(expr.name)) {
      problems.push({ index: start, message: unknownVariableMessage(expr.name) });
    } else if (expr.kind === 'snippet' && opts.snippetNames && !opts.snippetNames.has(expr.name)) {
      problems.push({ index: start, message: `Unknown snippet {{snippet.${expr.name}}}.` });
    }
  }
  // Text runs are checked in two passes ("{{" then "}}"), so restore position order.
  return problems.slice(0, MAX_PROBLEMS).sort((a, b) => a.index - b.index);
}
