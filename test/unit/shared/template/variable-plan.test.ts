import { describe, expect, it } from 'vitest';
import { inspectEmail, RENDER_LIMITS, type TemplateContext } from '../../../../shared/template/render';
import { missingVariablesCheck } from '../../../../shared/template/variable-plan';

const templates: { subject?: string | null; body?: string | null }[] = [
  { subject: 'Hi {{firstName}}', body: 'About {{company}} — {{fields.plan}} {{title | "friend"}}' },
  { subject: '{{firstName|"there"}} at {{company}}', body: '{{lastName}} {{firstName}} {{ email }}' },
  { subject: null, body: '{{personalizedOpener}} {{sender.firstName}} {{meetingLink}} {{sender.signature}}' },
  {
    subject: '{{}} {{ bad | nope }}',
    body: '{{snippet.intro}} {{snippet.loop}} {{snippet.gone}} {{snippet.gone|"x"}}',
  },
  { subject: 'plain', body: `${'y'.repeat(RENDER_LIMITS.body - 10)}{{firstName}} {{company}}` },
  { subject: `${'s'.repeat(RENDER_LIMITS.subject - 3)}{{title}}{{lastName}}`, body: '{{fields.plan}}' },
];
const snippets = {
  intro: 'Hello {{firstName}}, {{fields.region|"anywhere"}} {{snippet.sig}}',
  sig: '{{sender.name}} {{company}}',
  loop: 'again {{snippet.loop}} {{title}}',
};
const contexts: TemplateContext[] = [
  {},
  { firstName: 'Ada', company: 'Acme', title: 'CTO', lastName: 'L', email: 'a@b.c' },
  { firstName: '  ', company: '', fields: { plan: 'pro', region: 'EU' }, sender: { name: 'Sam Smith' } },
  {
    firstName: 'Bo',
    fields: { plan: '' },
    personalizedOpener: 'Saw your post',
    sender: { meetingLink: 'x' },
  },
  { firstName: 'z'.repeat(50), company: 'q'.repeat(20), title: 'long', lastName: 'w'.repeat(5) },
];

describe('missingVariablesCheck', () => {
  it('answers what inspectEmail answers for every template and contact', () => {
    let compared = 0;
    for (const parts of templates) {
      for (const snips of [{}, snippets]) {
        const check = missingVariablesCheck(parts, snips);
        for (const ctx of contexts) {
          expect(check(ctx)).toEqual(inspectEmail(parts, ctx, snips).missingVariables);
          compared++;
        }
      }
    }
    expect(compared).toBe(templates.length * 2 * contexts.length);
  });

  it('reports names once, in the order the email first leaves them unfilled', () => {
    const check = missingVariablesCheck(
      { subject: '{{company}} {{firstName|"x"}}', body: '{{firstName}} {{company}}' },
      {},
    );
    expect(check({})).toEqual(['company', 'firstName']);
    expect(check({ company: 'Acme' })).toEqual(['firstName']);
  });
});
