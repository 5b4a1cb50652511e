import { describe, expect, it } from 'vitest';
import { validateTemplate } from '../../../../shared/template/validate';

function indexes(template: string): number[] {
  return validateTemplate(template).map((p) => p.index);
}

describe('validateTemplate', () => {
  it.each([
    '',
    'Plain text with { single } braces',
    'Hi {{firstName | "there"}}, {{ company }} {{fields.Lead Source}} {{sender.signature}}',
    "{{title | ''}} {{snippet.cta}} {{personalizedOpener | 'Hello'}}",
  ])('accepts %j', (template) => {
    expect(validateTemplate(template)).toEqual([]);
  });

  it.each([
    ['Hi {{firstName', 3, /Unclosed/],
    ['Hi {{firstName and {{company}}', 3, /Unclosed/],
    ['Hi firstName}} there', 12, /without a matching/],
    ['Hi {{}}', 3, /Empty tag/],
    ['Hi {{ | "x"}}', 3, /Empty tag/],
    ['{{firstName | there}}', 0, /Bad fallback/],
    ['{{firstName | "there\'}}', 0, /Bad fallback/],
    ['{{firstName |}}', 0, /Bad fallback/],
    ['{{firstName | "a"b"}}', 0, /Bad fallback/],
    ['x {{{firstName}}}', 2, /Extra brace/],
    ['{{nickname}}', 0, /Unknown variable \{\{nickname\}\}/],
    ['{{FirstName}}', 0, /Did you mean \{\{firstName\}\}/],
    ['{{fields.}}', 0, /Unknown variable/],
    ['{{snippet. }}', 0, /Snippet tag without a name/],
  ])('reports %j at %i', (template, index, message) => {
    const problems = validateTemplate(template);
    expect(problems).toHaveLength(1);
    expect(problems[0]?.index).toBe(index);
    expect(problems[0]?.message).toMatch(message);
  });

  it('checks snippet names only when it knows them', () => {
    expect(validateTemplate('{{snippet.cta}}')).toEqual([]);
    const problems = validateTemplate('{{snippet.cta}} {{snippet.ps}}', { snippetNames: new Set(['cta']) });
    expect(problems).toEqual([{ index: 16, message: 'Unknown snippet {{snippet.ps}}.' }]);
  });

  it('lists several problems in position order', () => {
    expect(indexes('a }} {{nope}} {{ b {{}} c {{ d')).toEqual([2, 5, 14, 19, 26]);
  });

  it('caps the report and stays linear on 1 MB of junk', () => {
    for (const junk of [
      '{{'.repeat(1 << 19),
      '}}'.repeat(1 << 19),
      '{{x}}'.repeat(1 << 18),
      `${'{{ '.repeat(350_000)}}}`,
    ]) {
      const started = performance.now();
      const problems = validateTemplate(junk);
      expect(performance.now() - started).toBeLessThan(2000);
      expect(problems.length).toBeGreaterThan(0);
      expect(problems.length).toBeLessThanOrEqual(50);
    }
  });
});
