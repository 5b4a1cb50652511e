import { describe, expect, it } from 'vitest';
import {
  expandedLength,
  inspectEmail,
  RENDER_LIMITS,
  renderTemplate,
  type TemplateContext,
} from '../../../../shared/template/render';

const ctx: TemplateContext = {
  firstName: 'Ada',
  lastName: 'Lovelace',
  company: 'Analytical & Co',
  title: 'CTO',
  email: 'ada@example.com',
  personalizedOpener: 'Loved your talk.',
  fields: { industry: 'fintech', 'Lead Source': 'webinar', blank: '  ' },
  sender: { name: 'Grace Brewster Hopper', email: 'grace@stride.test', signature: '<b>Grace</b>' },
};

function render(
  template: string,
  opts: {
    html?: boolean;
    snippets?: Record<string, string>;
    context?: TemplateContext;
    maxLength?: number;
  } = {},
) {
  return renderTemplate(template, opts.context ?? ctx, {
    html: opts.html ?? false,
    snippets: opts.snippets ?? {},
    maxLength: opts.maxLength,
  });
}

describe('variables and fallbacks', () => {
  it.each([
    ['{{firstName}} {{lastName}}', 'Ada Lovelace'],
    ['{{ firstName }}|{{company}}|{{title}}|{{email}}', 'Ada|Analytical & Co|CTO|ada@example.com'],
    ['{{fields.industry}} / {{ fields.Lead Source }}', 'fintech / webinar'],
    ['{{sender.name}} <{{sender.email}}>', 'Grace Brewster Hopper <grace@stride.test>'],
    ['{{sender.firstName}}', 'Grace'],
    ['{{personalizedOpener}}', 'Loved your talk.'],
    ['{{firstName | "there"}}', 'Ada'],
    ['{{fields.missing | "there"}}', 'there'],
    ["{{fields.missing|'it\"s'}}", 'it"s'],
    ['{{ fields.blank | "friend" }}', 'friend'],
    ['[{{fields.missing | ""}}]', '[]'],
    ['{{fields.missing | "a|b"}}', 'a|b'],
    ['no tags at all', 'no tags at all'],
  ])('%s → %s', (template, output) => {
    expect(render(template)).toMatchObject({
      output,
      missingVariables: [],
      missingSnippets: [],
      openerMissing: false,
    });
  });

  it('reports each missing or unknown variable once, in order of appearance', () => {
    const r = render('{{nickname}} {{fields.budget}} {{FirstName}} {{nickname}} {{fields.constructor}}');
    expect(r.missingVariables).toEqual(['nickname', 'fields.budget', 'FirstName', 'fields.constructor']);
    expect(r.output).toBe('{{nickname}} {{fields.budget}} {{FirstName}} {{nickname}} {{fields.constructor}}');
  });

  it('treats blank values as missing and a sender without a name as no sender first name', () => {
    const r = render('{{firstName}}{{sender.firstName}}{{sender.signature}}', {
      context: { firstName: ' ', sender: { email: 'g@x.test' } },
    });
    expect(r.missingVariables).toEqual(['firstName', 'sender.firstName', 'sender.signature']);
  });

  it('prefers an explicit sender first name over the one taken from the name', () => {
    expect(
      render('{{sender.firstName}}', { context: { sender: { name: 'Grace Hopper', firstName: 'Amazing' } } })
        .output,
    ).toBe('Amazing');
  });
});

describe('personalized opener', () => {
  it('flags a missing opener without counting it as a missing variable', () => {
    const r = render('{{personalizedOpener}} Hi {{firstName}}', {
      context: { ...ctx, personalizedOpener: '' },
    });
    expect(r).toMatchObject({ openerMissing: true, missingVariables: [] });
  });

  it('accepts a fallback for the opener and ignores openers the template does not use', () => {
    expect(render('{{personalizedOpener | "Hello!"}}', { context: {} })).toMatchObject({
      output: 'Hello!',
      openerMissing: false,
    });
    expect(render('Hi {{firstName}}', { context: { firstName: 'Ada' } }).openerMissing).toBe(false);
  });
});

describe('snippets', () => {
  const snippets = {
    cta: 'Would {{firstName}} have {{snippet.slot}}?',
    slot: '15 minutes on {{fields.day | "Thursday"}}',
    loopA: 'a {{snippet.loopB}}',
    loopB: 'b {{snippet.loopA}}',
    self: 'me {{snippet.self}}',
  };

  it('expands nested snippets and the variables inside them', () => {
    expect(render('{{snippet.cta}} {{ snippet.slot }}', { snippets })).toMatchObject({
      output: 'Would Ada have 15 minutes on Thursday? 15 minutes on Thursday',
      missingSnippets: [],
    });
  });

  it('reports a missing snippet unless the tag has a fallback', () => {
    expect(render('{{snippet.ps}}x', { snippets })).toMatchObject({
      output: '{{snippet.ps}}x',
      missingSnippets: ['ps'],
    });
    expect(render('{{snippet.ps | "P.S."}}', { snippets })).toMatchObject({
      output: 'P.S.',
      missingSnippets: [],
    });
  });

  it('reports a missing variable found inside a snippet', () => {
    expect(render('{{snippet.cta}}', { snippets, context: {} }).missingVariables).toEqual(['firstName']);
  });

  it('reports snippet cycles instead of looping', () => {
    const r = render('{{snippet.loopA}} / {{snippet.self}}', { snippets });
    expect(r.snippetCycles).toEqual(['loopA → loopB → loopA', 'self → self']);
    expect(r.missingSnippets).toEqual(['loopA', 'self']);
    expect(r.output).toBe('a b {{snippet.loopA}} / me {{snippet.self}}');
  });

  it('stops at the nesting limit', () => {
    const chain: Record<string, string> = {};
    for (let i = 0; i < 12; i++) chain[`s${i}`] = `${i} {{snippet.s${i + 1}}}`;
    chain.s12 = 'end';
    const r = render('{{snippet.s0}}', { snippets: chain });
    expect(r.missingSnippets).toEqual(['s8']);
    expect(r.output).toBe('0 1 2 3 4 5 6 7 {{snippet.s8}}');
  });

  it('bounds the work when every level includes the next several times', () => {
    const fan: Record<string, string> = {};
    for (let i = 0; i < 8; i++) fan[`f${i}`] = `{{snippet.f${i + 1}}}`.repeat(10);
    fan.f8 = 'x';
    const started = performance.now();
    const r = render('{{snippet.f0}}', { snippets: fan });
    expect(performance.now() - started).toBeLessThan(1000);
    expect(r.missingSnippets.length).toBeGreaterThan(0);
  });

  it('never reads snippets from the object prototype', () => {
    expect(render('{{snippet.toString}}', { snippets }).missingSnippets).toEqual(['toString']);
  });
});

describe('html escaping', () => {
  const hostile: TemplateContext = {
    firstName: '<script>alert("x")</script>',
    company: "O'Brien & Sons",
    sender: ctx.sender,
  };

  it('escapes substituted values, not the template', () => {
    const r = render('<p>Hi {{firstName}} at {{company}}</p>', { html: true, context: hostile });
    expect(r.output).toBe(
      '<p>Hi &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; at O&#39;Brien &amp; Sons</p>',
    );
  });

  it('escapes fallbacks but keeps the snippet markup and the signature', () => {
    const r = render('{{fields.x | "<i>"}}{{snippet.sig}}{{sender.signature}}', {
      html: true,
      snippets: { sig: '<br>{{company}}' },
      context: hostile,
    });
    expect(r.output).toBe('&lt;i&gt;<br>O&#39;Brien &amp; Sons<b>Grace</b>');
  });

  it('leaves values alone in plain text', () => {
    expect(render('{{company}}', { context: hostile }).output).toBe("O'Brien & Sons");
  });
});

describe('malformed templates never throw', () => {
  it.each([
    ['{{', '{{', []],
    ['Hi {{firstName', 'Hi {{firstName', []],
    ['}} Ada', '}} Ada', []],
    ['{{}}', '{{}}', ['{{}}']],
    ['{{ | "x"}}', '{{ | "x"}}', ['{{ | "x"}}']],
    ['{{firstName | there}}', '{{firstName | there}}', ['{{firstName | there}}']],
    ['{{firstName | "there}}', '{{firstName | "there}}', ['{{firstName | "there}}']],
    ['{{{firstName}}}', '{Ada}', []],
    ['{{a {{firstName}} b}}', '{{a Ada b}}', []],
    ['{{snippet.}}', '{{snippet.}}', ['{{snippet.}}']],
    ['{{firstName}}}}', 'Ada}}', []],
  ])('%s', (template, output, missing) => {
    const r = render(template);
    expect(r.output).toBe(output);
    expect(r.missingVariables).toEqual(missing);
  });
});

describe('repeated templates', () => {
  it('renders the same template afresh for each contact and snippet set', () => {
    const template = 'Hi {{firstName}} {{snippet.ps}}';
    expect(render(template, { snippets: { ps: 'one' } }).output).toBe('Hi Ada one');
    expect(render(template, { snippets: { ps: 'two' }, context: { firstName: 'Bo' } }).output).toBe(
      'Hi Bo two',
    );
    expect(render(template, { context: {} })).toMatchObject({
      missingVariables: ['firstName'],
      missingSnippets: ['ps'],
    });
  });
});

describe('inspectEmail', () => {
  it('collects the issues of subject and body together without rendering', () => {
    const issues = inspectEmail(
      { subject: '{{nick}} {{snippet.x}}', body: '{{personalizedOpener}} {{nick}} {{title}}' },
      {},
      {},
    );
    expect(issues).toEqual({
      missingVariables: ['nick', 'title'],
      missingSnippets: ['x'],
      openerMissing: true,
    });
  });

  it('names each part that fills in past its own limit', () => {
    const snippets = { big: 'y'.repeat(RENDER_LIMITS.subject) };
    expect(
      inspectEmail({ subject: 'x{{snippet.big}}', body: '{{snippet.big}}' }, {}, snippets).oversized,
    ).toEqual(['subject']);
    const bomb = {
      unit: 'x'.repeat(2_000),
      k: '{{snippet.unit}}'.repeat(100),
      m: '{{snippet.k}}'.repeat(10),
    };
    expect(inspectEmail({ subject: 'Hi', body: '{{snippet.m}}' }, {}, bomb).oversized).toEqual(['body']);
    expect(inspectEmail({ subject: 'Hi', body: '{{snippet.k}}' }, {}, bomb).oversized).toBeUndefined();
  });
});

describe('size limit', () => {
  it('stops at maxLength and says so, keeping what fits', () => {
    const r = render('{{firstName}} {{lastName}} and more', { maxLength: 8 });
    expect(r).toMatchObject({ output: 'Ada Love', tooLarge: true });
    expect(render('{{firstName}}', { maxLength: 3 })).toMatchObject({ output: 'Ada', tooLarge: false });
  });

  it('caps the default at the body limit, whatever the template expands to', () => {
    // 10 × 10 × 10 × 10 × 10,000 characters: 100 MB if it were all built.
    const bomb: Record<string, string> = { base: 'x'.repeat(10_000) };
    for (const [name, inner] of [
      ['l1', 'base'],
      ['l2', 'l1'],
      ['l3', 'l2'],
      ['l4', 'l3'],
    ] as const)
      bomb[name] = `{{snippet.${inner}}}`.repeat(10);
    const r = render('{{snippet.l4}}', { snippets: bomb });
    expect(r.tooLarge).toBe(true);
    expect(r.output.length).toBe(RENDER_LIMITS.body);
  });

  it('stops expanding as soon as the limit is passed, reading no further snippet', () => {
    let reads = 0;
    const bodies: Record<string, string> = { unit: 'z'.repeat(100) };
    // Counts every lookup of a snippet body: the renderer asks Object.hasOwn, then reads it.
    const snippets = new Proxy(bodies, {
      getOwnPropertyDescriptor(target, key) {
        reads++;
        return Reflect.getOwnPropertyDescriptor(target, key);
      },
    });
    const r = render('{{snippet.unit}}'.repeat(400), { snippets, maxLength: 1_000 });
    expect(r.tooLarge).toBe(true);
    expect(r.output).toBe('z'.repeat(1_000));
    // Eleven expansions reach 1,000 characters; the other 389 tags are never looked at.
    expect(reads).toBeLessThanOrEqual(11);
  });

  it('counts repeated variables against the limit too', () => {
    const signature = 's'.repeat(5_000);
    const r = render('{{sender.signature}}'.repeat(100), {
      context: { sender: { signature } },
      maxLength: 20_000,
    });
    expect(r).toMatchObject({ tooLarge: true });
    expect(r.output.length).toBe(20_000);
  });

  it('measures a template with its snippets and the variables as written, stopping at the limit', () => {
    const snippets = { hi: 'Hello {{firstName}}', big: '{{snippet.hi}}'.repeat(1_000) };
    expect(expandedLength('{{snippet.hi}}!', snippets, 1_000)).toEqual({ length: 20, tooLarge: false });
    expect(expandedLength('{{snippet.big}}', snippets, 1_000)).toEqual({ length: 1_000, tooLarge: true });
  });
});

describe('large input', () => {
  const MB = 1 << 20;
  it.each([
    ['ordinary text with tags', 'Hello {{firstName}}, about {{company}}: '.repeat(MB / 40)],
    ['only unclosed openers', '{{'.repeat(MB / 2)],
    ['only closers', '}}'.repeat(MB / 2)],
    ['openers then one closer', `${'{{ '.repeat(MB / 3)}}}`],
    ['distinct missing variables', Array.from({ length: MB / 16 }, (_, i) => `{{fields.f${i}}}`).join('')],
    ['broken fallbacks', '{{a | "x}} '.repeat(MB / 12)],
  ])('renders 1 MB of %s in linear time', (_name, template) => {
    const started = performance.now();
    const r = render(template, { html: true });
    // A quadratic scan of 1 MB takes minutes; a linear one takes milliseconds.
    expect(performance.now() - started).toBeLessThan(2000);
    expect(r.output.length).toBeGreaterThan(0);
  });

  it('costs the same per character for 1 MB as for 128 KB pieces', () => {
    const unit = 'Hi {{firstName}}, {{ fields.nope }} {{snippet.x | "y"}} {{ | "x"}} {{ ';
    const piece = unit.repeat(MB / unit.length / 8);
    const whole = piece.repeat(8);
    const timed = (f: () => void) => {
      const started = performance.now();
      f();
      return performance.now() - started;
    };
    // Interleaved, equally long runs see the same machine load; the best of each is the honest cost.
    let pieces = Number.POSITIVE_INFINITY;
    let once = Number.POSITIVE_INFINITY;
    for (let round = 0; round < 9; round++) {
      pieces = Math.min(
        pieces,
        timed(() => {
          for (let i = 0; i < 8; i++) render(piece, { html: true });
        }),
      );
      once = Math.min(
        once,
        timed(() => render(whole, { html: true })),
      );
    }
    // Linear work makes these equal; quadratic work makes the single 1 MB run 8x slower.
    expect(once / Math.max(pieces, 0.5)).toBeLessThan(3);
  });
});
