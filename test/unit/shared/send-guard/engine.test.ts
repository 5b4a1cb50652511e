import { describe, expect, it } from 'vitest';
import { type NotSentCode, notSentCodes } from '../../../../shared/schemas/not-sent-code';
import { notSentCatalog, notSentOrder, type PreSendCode } from '../../../../shared/send-guard/catalog';
import { evaluateSendGuards } from '../../../../shared/send-guard/engine';
import { sendGuardRules } from '../../../../shared/send-guard/rules';
import type { SendSnapshot } from '../../../../shared/send-guard/snapshot';
import { cleanSnapshot, NOW, rulesetOf, snapshotWith } from './fixtures';

type Change = (s: SendSnapshot) => void;

function codesOf(s: SendSnapshot, force = false): NotSentCode[] {
  return evaluateSendGuards(s, { now: NOW, force }).reasons.map((r) => r.code);
}

function detailOf(s: SendSnapshot, code: string): string | undefined {
  return evaluateSendGuards(s, { now: NOW }).reasons.find((r) => r.code === code)?.detail;
}

interface Case {
  readonly code: PreSendCode;
  /** Each of these alone causes exactly `code`. */
  readonly blocked: ReadonlyArray<readonly [string, Change]>;
  /** Neighbours of the blocked cases that must pass. */
  readonly clear: ReadonlyArray<readonly [string, Change]>;
}

const cases: Case[] = [
  {
    code: 'unsubscribed',
    blocked: [
      [
        'unsubscribed',
        (s) => {
          s.contact.unsubscribed = true;
        },
      ],
    ],
    clear: [['subscribed', () => {}]],
  },
  {
    code: 'person_blocked',
    blocked: [
      [
        'address listed, other case',
        (s) => {
          s.blocklist!.emails = ['ADA@Example.com'];
        },
      ],
    ],
    clear: [
      [
        'a different address listed',
        (s) => {
          s.blocklist!.emails = ['ada@example.org'];
        },
      ],
    ],
  },
  {
    code: 'company_blocked',
    blocked: [
      [
        'email domain listed',
        (s) => {
          s.blocklist!.domains = ['example.com'];
        },
      ],
      [
        'parent of the email domain listed',
        (s) => {
          s.contact.email = 'ada@eu.example.com';
          s.blocklist!.domains = ['example.com'];
        },
      ],
      [
        'account domain listed',
        (s) => {
          s.account!.domain = 'engines.test';
          s.blocklist!.domains = ['Engines.test'];
        },
      ],
    ],
    clear: [
      [
        'suffix that is not a parent domain',
        (s) => {
          s.blocklist!.domains = ['ample.com'];
        },
      ],
      [
        'subdomain of the email domain',
        (s) => {
          s.blocklist!.domains = ['eu.example.com'];
        },
      ],
    ],
  },
  {
    code: 'gdpr_location_blocked',
    blocked: [
      [
        'DE',
        (s) => {
          s.contact.country = 'DE';
        },
      ],
      [
        'lower-case fr',
        (s) => {
          s.contact.country = 'fr';
        },
      ],
      [
        'Norway (EEA)',
        (s) => {
          s.contact.country = 'NO';
        },
      ],
      [
        'Réunion (EU outermost region)',
        (s) => {
          s.contact.country = 'RE';
        },
      ],
      [
        'no country, Berlin time',
        (s) => {
          s.contact.country = null;
          s.contact.timezone = 'Europe/Berlin';
        },
      ],
    ],
    clear: [
      ['US', () => {}],
      [
        'GB (own regime)',
        (s) => {
          s.contact.country = 'GB';
        },
      ],
      [
        'CH (own regime)',
        (s) => {
          s.contact.country = 'CH';
        },
      ],
      [
        'DE with GDPR off',
        (s) => {
          s.contact.country = 'DE';
          rulesetOf(s).gdprBlockEu = false;
        },
      ],
      [
        'country US wins over Berlin time',
        (s) => {
          s.contact.timezone = 'Europe/Berlin';
        },
      ],
      [
        'unknown location',
        (s) => {
          s.contact.country = null;
          s.contact.timezone = null;
        },
      ],
    ],
  },
  {
    code: 'email_missing_or_invalid',
    blocked: [
      [
        'no email',
        (s) => {
          s.contact.email = null;
        },
      ],
      [
        'blank email',
        (s) => {
          s.contact.email = '   ';
        },
      ],
      [
        'no @',
        (s) => {
          s.contact.email = 'ada.example.com';
        },
      ],
      [
        'double dot',
        (s) => {
          s.contact.email = 'ada..l@example.com';
        },
      ],
      [
        'no top-level domain',
        (s) => {
          s.contact.email = 'ada@localhost';
        },
      ],
      [
        'space inside',
        (s) => {
          s.contact.email = 'ada l@example.com';
        },
      ],
      [
        'verifier said invalid',
        (s) => {
          s.contact.emailStatus = 'invalid';
        },
      ],
    ],
    clear: [
      [
        'plus address',
        (s) => {
          s.contact.email = 'ada+news@mail.example.co.uk';
        },
      ],
      [
        'unicode domain',
        (s) => {
          s.contact.email = 'ada@bücher.de';
        },
      ],
    ],
  },
  {
    code: 'likely_to_bounce',
    blocked: [
      [
        'bounced before',
        (s) => {
          s.contact.bouncedBefore = true;
        },
      ],
    ],
    clear: [
      ['never bounced', () => {}],
      [
        'bounce protection off',
        (s) => {
          s.contact.bouncedBefore = true;
          rulesetOf(s).bounceProtection = false;
        },
      ],
    ],
  },
  {
    code: 'unverified_email',
    blocked: [
      [
        'first send to unverified',
        (s) => {
          s.contact.emailStatus = 'unverified';
        },
      ],
      [
        'default ruleset protects',
        (s) => {
          s.contact.emailStatus = 'unverified';
          s.sequence = null;
        },
      ],
    ],
    clear: [
      [
        'already emailed once',
        (s) => {
          s.contact.emailStatus = 'unverified';
          s.contact.sentCountToAddress = 1;
        },
      ],
      [
        'protection off',
        (s) => {
          s.contact.emailStatus = 'unverified';
          rulesetOf(s).unverifiedProtection = false;
        },
      ],
      ['verified', () => {}],
      [
        'no status recorded',
        (s) => {
          s.contact.emailStatus = null;
        },
      ],
    ],
  },
  {
    code: 'blocked_contact_stage',
    blocked: [
      [
        'stage listed',
        (s) => {
          s.contact.stage = 'Customer';
        },
      ],
      [
        'case and spaces differ',
        (s) => {
          s.contact.stage = ' do not CONTACT ';
        },
      ],
    ],
    clear: [
      [
        'another stage',
        (s) => {
          s.contact.stage = 'Customers';
        },
      ],
      [
        'no stage',
        (s) => {
          s.contact.stage = null;
        },
      ],
      [
        'list empty',
        (s) => {
          s.contact.stage = 'Customer';
          rulesetOf(s).blockedContactStages = [];
        },
      ],
    ],
  },
  {
    code: 'blocked_account_stage',
    blocked: [
      [
        'account stage listed',
        (s) => {
          s.account!.stage = 'competitor';
        },
      ],
    ],
    clear: [
      [
        'another account stage',
        (s) => {
          s.account!.stage = 'Customer';
        },
      ],
      [
        'no account',
        (s) => {
          s.account = null;
        },
      ],
    ],
  },
  {
    code: 'same_account_replied',
    blocked: [
      [
        'colleague replied, rule on',
        (s) => {
          s.sameAccountReplied = true;
        },
      ],
    ],
    clear: [
      [
        'colleague replied, rule ignore',
        (s) => {
          s.sameAccountReplied = true;
          rulesetOf(s).sameAccountReply = 'ignore';
        },
      ],
      ['nobody replied', () => {}],
    ],
  },
  {
    code: 'not_owned_by_user',
    blocked: [
      [
        'contact owned by u2',
        (s) => {
          s.contact.ownerId = 'u2';
        },
      ],
      [
        'unowned contact, account owned by u2',
        (s) => {
          s.contact.ownerId = null;
          s.account!.ownerId = 'u2';
        },
      ],
    ],
    clear: [
      ['owned by the sender', () => {}],
      [
        'nobody owns it',
        (s) => {
          s.contact.ownerId = null;
          s.account!.ownerId = null;
        },
      ],
      [
        'ownership not required',
        (s) => {
          s.contact.ownerId = 'u2';
          rulesetOf(s).ownershipRequired = false;
        },
      ],
    ],
  },
  {
    code: 'job_change_detected',
    blocked: [
      [
        'flagged',
        (s) => {
          s.contact.jobChangeDetected = true;
        },
      ],
    ],
    clear: [['not flagged', () => {}]],
  },
  {
    code: 'already_sent_step',
    blocked: [
      [
        'sent',
        (s) => {
          s.alreadySentStep = true;
        },
      ],
    ],
    clear: [
      ['not sent', () => {}],
      [
        'one-off email',
        (s) => {
          s.alreadySentStep = undefined;
        },
      ],
    ],
  },
  {
    code: 'no_send_from_mailbox',
    blocked: [
      [
        'no mailbox',
        (s) => {
          s.mailbox = null;
        },
      ],
    ],
    clear: [['mailbox set', () => {}]],
  },
  {
    code: 'mailbox_inactive',
    blocked: [
      [
        'inactive',
        (s) => {
          s.mailbox!.status = 'inactive';
        },
      ],
      [
        'inactive with reason',
        (s) => {
          s.mailbox!.status = 'inactive';
          s.mailbox!.inactiveReason = 'token revoked';
        },
      ],
    ],
    clear: [['active', () => {}]],
  },
  {
    code: 'missing_thread_info',
    blocked: [
      [
        'reply without thread',
        (s) => {
          s.step!.threadMode = 'reply_previous';
        },
      ],
      [
        'reply, thread lost its message',
        (s) => {
          s.step!.threadMode = 'reply_previous';
          s.thread = { previousMessageId: null, threadId: 't1' };
        },
      ],
    ],
    clear: [
      [
        'reply with thread',
        (s) => {
          s.step!.threadMode = 'reply_previous';
          s.thread = { previousMessageId: '<m1@x>', threadId: 't1' };
        },
      ],
      ['new thread', () => {}],
    ],
  },
  {
    code: 'missing_dynamic_variable',
    blocked: [
      [
        'field empty',
        (s) => {
          s.contact.fields = {};
        },
      ],
      [
        'first name blank in subject',
        (s) => {
          s.step!.subject = 'Hi {{firstName}}';
          s.contact.firstName = ' ';
        },
      ],
      [
        'unknown variable in draft',
        (s) => {
          s.draft = { body: 'Hi {{nickname}}' };
        },
      ],
    ],
    clear: [
      [
        'fallback covers it',
        (s) => {
          s.contact.fields = {};
          s.snippets = { cta: '{{fields.industry | ""}}' };
        },
      ],
      [
        'draft replaces the step body',
        (s) => {
          s.contact.fields = {};
          s.draft = { body: 'Hi {{firstName}}' };
        },
      ],
    ],
  },
  {
    code: 'missing_snippet',
    blocked: [
      [
        'snippet gone',
        (s) => {
          s.snippets = {};
        },
      ],
      [
        'snippet loops',
        (s) => {
          s.snippets = { cta: 'x {{snippet.cta}}' };
        },
      ],
    ],
    clear: [['snippet present', () => {}]],
  },
  {
    code: 'personalized_opener_missing',
    blocked: [
      [
        'no opener',
        (s) => {
          s.contact.personalizedOpener = null;
        },
      ],
    ],
    clear: [
      [
        'template has no opener',
        (s) => {
          s.contact.personalizedOpener = null;
          s.step!.body = 'Hi {{firstName}}';
        },
      ],
      [
        'opener fallback',
        (s) => {
          s.contact.personalizedOpener = null;
          s.step!.body = '{{personalizedOpener | "Hello!"}}';
        },
      ],
    ],
  },
];

describe('evaluateSendGuards: one rule per code', () => {
  it('lets the clean snapshot through', () => {
    expect(evaluateSendGuards(cleanSnapshot(), { now: NOW })).toEqual({ ok: true, reasons: [] });
  });

  it('has a case for every rule and a rule for every pre-send catalog entry', () => {
    const ruleCodes = sendGuardRules.map((r) => r.code).sort();
    expect(cases.map((c) => c.code).sort()).toEqual(ruleCodes);
    const preSend = notSentCodes.filter((c) => notSentCatalog[c].checkedBeforeSend).sort();
    expect(ruleCodes).toEqual(preSend);
  });

  for (const c of cases) {
    describe(c.code, () => {
      it.each(c.blocked)('blocks: %s', (_name, change) => {
        const result = evaluateSendGuards(snapshotWith(change), { now: NOW });
        expect(result.ok).toBe(false);
        expect(result.reasons.map((r) => r.code)).toEqual([c.code]);
        expect(result.reasons[0]).toMatchObject({
          message: notSentCatalog[c.code].message,
          resolution: notSentCatalog[c.code].resolution,
        });
      });
      it.each(c.clear)('passes: %s', (_name, change) => {
        expect(codesOf(snapshotWith(change))).toEqual([]);
      });
    });
  }
});

describe('evaluateSendGuards: details', () => {
  it.each([
    [
      'blocked_contact_stage',
      (s: SendSnapshot) => {
        s.contact.stage = 'customer';
      },
      'customer',
    ],
    [
      'gdpr_location_blocked',
      (s: SendSnapshot) => {
        s.contact.country = 'de';
      },
      'DE',
    ],
    [
      'email_missing_or_invalid',
      (s: SendSnapshot) => {
        s.contact.email = null;
      },
      'missing',
    ],
    [
      'email_missing_or_invalid',
      (s: SendSnapshot) => {
        s.contact.email = 'x@';
      },
      'malformed',
    ],
    [
      'email_missing_or_invalid',
      (s: SendSnapshot) => {
        s.contact.emailStatus = 'invalid';
      },
      'failed verification',
    ],
    [
      'mailbox_inactive',
      (s: SendSnapshot) => {
        s.mailbox!.status = 'inactive';
        s.mailbox!.inactiveReason = 'revoked';
      },
      'revoked',
    ],
    [
      'company_blocked',
      (s: SendSnapshot) => {
        s.contact.email = 'a@x.eu.example.com';
        s.blocklist!.domains = ['example.com', 'eu.example.com'];
      },
      'eu.example.com',
    ],
    [
      'missing_dynamic_variable',
      (s: SendSnapshot) => {
        s.contact.fields = {};
        s.step!.subject = '{{title}} {{lastName}} {{nick}}';
        s.contact.title = null;
      },
      'title, nick, fields.industry',
    ],
    [
      'missing_snippet',
      (s: SendSnapshot) => {
        s.step!.body = '{{snippet.a}} {{snippet.b}} {{snippet.a}}';
      },
      'a, b',
    ],
  ] as const)('%s → %s', (code, change, detail) => {
    expect(detailOf(snapshotWith(change), code)).toBe(detail);
  });

  it('uses issues a caller already rendered instead of rendering again', () => {
    const s = snapshotWith((x) => {
      x.rendered = { missingVariables: ['title'], missingSnippets: [], openerMissing: true };
      x.contact.fields = {};
    });
    expect(codesOf(s)).toEqual(['missing_dynamic_variable', 'personalized_opener_missing']);
    expect(detailOf(s, 'missing_dynamic_variable')).toBe('title');
  });

  it('checks a one-off email with no sequence, step or enrollment', () => {
    const s = snapshotWith((x) => {
      x.sequence = undefined;
      x.step = undefined;
      x.thread = undefined;
      x.alreadySentStep = undefined;
      x.activeEnrollments = undefined;
      x.draft = { subject: 'Hello {{firstName}}', body: '{{fields.budget}}' };
      x.contact.stage = 'Customer';
    });
    // No sequence means no stage list, but the default bounce protection still holds.
    expect(codesOf(s)).toEqual(['missing_dynamic_variable']);
    s.contact.bouncedBefore = true;
    expect(codesOf(s)).toEqual(['likely_to_bounce', 'missing_dynamic_variable']);
  });
});

const everything: Change = (s) => {
  s.contact.unsubscribed = true;
  s.contact.country = 'DE';
  s.contact.stage = 'Customer';
  s.contact.ownerId = 'u2';
  s.contact.jobChangeDetected = true;
  s.contact.bouncedBefore = true;
  s.contact.emailStatus = 'unverified';
  s.contact.personalizedOpener = '';
  s.contact.fields = {};
  s.account!.stage = 'Competitor';
  s.blocklist = { emails: ['ada@example.com'], domains: ['example.com'] };
  s.sameAccountReplied = true;
  s.alreadySentStep = true;
  s.mailbox!.status = 'inactive';
  s.step!.threadMode = 'reply_previous';
  s.snippets = { cta: '{{fields.industry}} {{snippet.missing}}' };
};

describe('evaluateSendGuards: several reasons and force', () => {
  it('returns every applicable reason at once, in catalog order', () => {
    const codes = codesOf(snapshotWith(everything));
    expect(codes).toEqual([
      'unsubscribed',
      'person_blocked',
      'company_blocked',
      'gdpr_location_blocked',
      'likely_to_bounce',
      'unverified_email',
      'blocked_contact_stage',
      'blocked_account_stage',
      'same_account_replied',
      'not_owned_by_user',
      'job_change_detected',
      'already_sent_step',
      'mailbox_inactive',
      'missing_thread_info',
      'missing_dynamic_variable',
      'missing_snippet',
      'personalized_opener_missing',
    ]);
    expect(codes).toEqual([...codes].sort((a, b) => notSentOrder.indexOf(a) - notSentOrder.indexOf(b)));
  });

  it('force drops exactly the stage, bounce, unverified and job-change protections', () => {
    const all = codesOf(snapshotWith(everything));
    const forced = codesOf(snapshotWith(everything), true);
    expect(all.filter((c) => !forced.includes(c)).sort()).toEqual([
      'blocked_account_stage',
      'blocked_contact_stage',
      'job_change_detected',
      'likely_to_bounce',
      'unverified_email',
    ]);
    for (const kept of [
      'unsubscribed',
      'person_blocked',
      'company_blocked',
      'gdpr_location_blocked',
      'missing_dynamic_variable',
    ] as const) {
      expect(forced).toContain(kept);
    }
  });

  it('force never bypasses missing data or a missing mailbox', () => {
    const s = snapshotWith((x) => {
      x.contact.email = null;
      x.mailbox = null;
      x.contact.personalizedOpener = null;
    });
    expect(codesOf(s, true)).toEqual([
      'email_missing_or_invalid',
      'no_send_from_mailbox',
      'personalized_opener_missing',
    ]);
  });

  it('force on a send that only needed forcing lets it through', () => {
    const s = snapshotWith((x) => {
      x.contact.bouncedBefore = true;
      x.contact.jobChangeDetected = true;
    });
    expect(evaluateSendGuards(s, { now: NOW, force: true })).toEqual({ ok: true, reasons: [] });
  });
});

describe('catalog', () => {
  it('has a label, message and resolution for every code, all distinct', () => {
    for (const field of ['label', 'message', 'resolution'] as const) {
      const texts = notSentCodes.map((c) => notSentCatalog[c][field].trim());
      expect(texts.every((t) => t.length > 5)).toBe(true);
      expect(new Set(texts).size).toBe(notSentCodes.length);
    }
    expect([...notSentOrder].sort()).toEqual([...notSentCodes].sort());
  });

  it('marks exactly the protections API.md lets force bypass as forceable', () => {
    expect(notSentCodes.filter((c) => notSentCatalog[c].forceable).sort()).toEqual([
      'blocked_account_stage',
      'blocked_contact_stage',
      'job_change_detected',
      'likely_to_bounce',
      'unverified_email',
    ]);
  });

  it('leaves provider outcomes to the provider', () => {
    const afterTheFact = notSentCodes.filter((c) => !notSentCatalog[c].checkedBeforeSend).sort();
    expect(afterTheFact).toEqual([
      'email_service_provider_error',
      'mailgun_dropped',
      'other',
      'sendgrid_dropped',
    ]);
    expect(afterTheFact.every((c) => notSentCatalog[c].kind === 'provider')).toBe(true);
  });
});
