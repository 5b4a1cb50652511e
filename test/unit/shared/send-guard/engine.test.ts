import { describe, expect, it } from 'vitest';
import { type NotSentCode, notSentCodes } from '../../../../shared/schemas/not-sent-code';
import { notSentCatalog, type PreSendCode } from '../../../../shared/send-guard/catalog';
import { evaluateSendGuards } from '../../../../shared/send-guard/engine';
import { sendGuardRules } from '../../../../shared/send-guard/rules';
import type { SendSnapshot } from '../../../../shared/send-guard/snapshot';
import { cleanSnapshot, type DeepPartial, NOW, snapshotWith } from './fixtures';

type Patch = DeepPartial<SendSnapshot>;

function codesOf(s: SendSnapshot): NotSentCode[] {
  return evaluateSendGuards(s, { now: NOW }).reasons.map((r) => r.code);
}

const rules = (ruleset: NonNullable<Patch['sequence']>['ruleset']): Patch => ({ sequence: { ruleset } });
const unverified: Patch = { contact: { emailStatus: 'unverified' } };
const reply: Patch = { step: { threadMode: 'reply_previous' } };

interface Case {
  readonly code: PreSendCode;
  /** Each of these alone causes exactly `code` on the clean snapshot. */
  readonly blocked: ReadonlyArray<readonly [string, Patch]>;
  /** Neighbours of the blocked cases that must pass. */
  readonly clear: ReadonlyArray<readonly [string, Patch]>;
}

const cases: Case[] = [
  {
    code: 'unsubscribed',
    blocked: [['unsubscribed', { contact: { unsubscribed: true } }]],
    clear: [['subscribed', { contact: { unsubscribed: false } }]],
  },
  {
    code: 'person_blocked',
    blocked: [['address listed, other case', { blocklist: { emails: ['ADA@Example.com'] } }]],
    clear: [['another address listed', { blocklist: { emails: ['ada@example.org'] } }]],
  },
  {
    code: 'company_blocked',
    blocked: [
      ['email domain listed', { blocklist: { domains: ['example.com'] } }],
      [
        'parent domain listed',
        { contact: { email: 'ada@eu.example.com' }, blocklist: { domains: ['example.com'] } },
      ],
      [
        'account domain listed',
        { account: { domain: 'engines.test' }, blocklist: { domains: ['Engines.test'] } },
      ],
    ],
    clear: [
      ['suffix that is no parent domain', { blocklist: { domains: ['ample.com'] } }],
      ['subdomain of the email domain', { blocklist: { domains: ['eu.example.com'] } }],
    ],
  },
  {
    code: 'gdpr_location_blocked',
    blocked: [
      ['DE', { contact: { country: 'DE' } }],
      ['lower-case fr', { contact: { country: 'fr' } }],
      ['Norway (EEA)', { contact: { country: 'NO' } }],
      ['Réunion (EU outermost region)', { contact: { country: 'RE' } }],
      ['no country, Berlin time', { contact: { country: null, timezone: 'Europe/Berlin' } }],
    ],
    clear: [
      ['US', { contact: { country: 'US' } }],
      ['GB (own regime)', { contact: { country: 'GB' } }],
      ['CH (own regime)', { contact: { country: 'CH' } }],
      ['DE with GDPR off', { contact: { country: 'DE' }, ...rules({ gdprBlockEu: false }) }],
      ['stated US wins over Berlin time', { contact: { country: 'US', timezone: 'Europe/Berlin' } }],
      ['unknown location', { contact: { country: null, timezone: null } }],
    ],
  },
  {
    code: 'email_missing_or_invalid',
    blocked: [
      ['no email', { contact: { email: null } }],
      ['blank email', { contact: { email: '   ' } }],
      ['no @', { contact: { email: 'ada.example.com' } }],
      ['double dot', { contact: { email: 'ada..l@example.com' } }],
      ['no top-level domain', { contact: { email: 'ada@localhost' } }],
      ['space inside', { contact: { email: 'ada l@example.com' } }],
      ['label starting with a hyphen', { contact: { email: 'ada@-example.com' } }],
      ['verifier said invalid', { contact: { emailStatus: 'invalid' } }],
    ],
    clear: [
      ['plus address, long TLD chain', { contact: { email: 'ada+news@mail.example.co.uk' } }],
      ['unicode domain', { contact: { email: 'ada@bücher.de' } }],
      ['surrounding spaces', { contact: { email: ' ada@example.com ' } }],
    ],
  },
  {
    code: 'likely_to_bounce',
    blocked: [['bounced before', { contact: { bouncedBefore: true } }]],
    clear: [
      ['never bounced', { contact: { bouncedBefore: false } }],
      ['protection off', { contact: { bouncedBefore: true }, ...rules({ bounceProtection: false }) }],
    ],
  },
  {
    code: 'unverified_email',
    blocked: [
      ['first send to unverified', unverified],
      ['default ruleset protects', { ...unverified, sequence: null }],
    ],
    clear: [
      ['already emailed once', { contact: { emailStatus: 'unverified', sentCountToAddress: 1 } }],
      ['protection off', { ...unverified, ...rules({ unverifiedProtection: false }) }],
      ['verified', { contact: { emailStatus: 'verified' } }],
      ['no status recorded', { contact: { emailStatus: null } }],
    ],
  },
  {
    code: 'blocked_contact_stage',
    blocked: [
      ['stage listed', { contact: { stage: 'Customer' } }],
      ['case and spaces differ', { contact: { stage: ' do not CONTACT ' } }],
    ],
    clear: [
      ['another stage', { contact: { stage: 'Customers' } }],
      ['no stage', { contact: { stage: null } }],
      ['list empty', { contact: { stage: 'Customer' }, ...rules({ blockedContactStages: [] }) }],
    ],
  },
  {
    code: 'blocked_account_stage',
    blocked: [['account stage listed', { account: { stage: 'competitor' } }]],
    clear: [
      ['another account stage', { account: { stage: 'Customer' } }],
      ['no account', { account: null }],
    ],
  },
  {
    code: 'same_account_replied',
    blocked: [['colleague replied, rule on', { sameAccountReplied: true }]],
    clear: [
      [
        'colleague replied, rule ignore',
        { sameAccountReplied: true, ...rules({ sameAccountReply: 'ignore' }) },
      ],
      ['nobody replied', { sameAccountReplied: false }],
    ],
  },
  {
    code: 'not_owned_by_user',
    blocked: [
      ['contact owned by u2', { contact: { ownerId: 'u2' } }],
      ['unowned contact, account owned by u2', { contact: { ownerId: null }, account: { ownerId: 'u2' } }],
    ],
    clear: [
      ['owned by the acting user', { contact: { ownerId: 'u1' } }],
      ['nobody owns it', { contact: { ownerId: null }, account: { ownerId: null } }],
      ['ownership not required', { contact: { ownerId: 'u2' }, ...rules({ ownershipRequired: false }) }],
    ],
  },
  {
    code: 'job_change_detected',
    blocked: [['flagged', { contact: { jobChangeDetected: true } }]],
    clear: [['not flagged', { contact: { jobChangeDetected: false } }]],
  },
  {
    code: 'already_sent_step',
    blocked: [['sent', { alreadySentStep: true }]],
    clear: [
      ['not sent', { alreadySentStep: false }],
      ['one-off email', { alreadySentStep: undefined }],
    ],
  },
  {
    code: 'no_send_from_mailbox',
    blocked: [['no mailbox', { mailbox: null }]],
    clear: [['mailbox set', { mailbox: { id: 'm2' } }]],
  },
  {
    code: 'mailbox_inactive',
    blocked: [
      ['inactive', { mailbox: { status: 'inactive' } }],
      ['inactive with reason', { mailbox: { status: 'inactive', inactiveReason: 'token revoked' } }],
    ],
    clear: [['active', { mailbox: { status: 'active' } }]],
  },
  {
    code: 'missing_thread_info',
    blocked: [
      ['reply without thread', reply],
      ['reply, earlier message lost', { ...reply, thread: { previousMessageId: null, threadId: 't1' } }],
    ],
    clear: [
      ['reply with thread', { ...reply, thread: { previousMessageId: '<m1@x>', threadId: 't1' } }],
      ['new thread without thread info', { step: { threadMode: 'new_thread' }, thread: null }],
    ],
  },
  {
    code: 'missing_dynamic_variable',
    blocked: [
      ['custom field empty', { contact: { fields: {} } }],
      ['first name blank', { step: { subject: 'Hi {{firstName}}' }, contact: { firstName: ' ' } }],
      ['unknown variable in the draft', { draft: { body: 'Hi {{nickname}}' } }],
    ],
    clear: [
      ['fallback covers it', { contact: { fields: {} }, snippets: { cta: '{{fields.industry | ""}}' } }],
      ['draft replaces the step body', { contact: { fields: {} }, draft: { body: 'Hi {{firstName}}' } }],
    ],
  },
  {
    code: 'missing_snippet',
    blocked: [
      ['snippet gone', { snippets: {} }],
      ['snippet loops', { snippets: { cta: 'x {{snippet.cta}}' } }],
    ],
    clear: [['snippet present', { snippets: { cta: 'Fancy a call?' } }]],
  },
  {
    code: 'personalized_opener_missing',
    blocked: [['no opener', { contact: { personalizedOpener: null } }]],
    clear: [
      [
        'template has no opener',
        { contact: { personalizedOpener: null }, step: { body: 'Hi {{firstName}}' } },
      ],
      [
        'opener fallback',
        { contact: { personalizedOpener: null }, step: { body: '{{personalizedOpener | "Hi!"}}' } },
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
    expect(ruleCodes).toEqual(notSentCodes.filter((c) => notSentCatalog[c].checkedBeforeSend).sort());
  });

  for (const c of cases) {
    describe(c.code, () => {
      it.each(c.blocked)('blocks: %s', (_name, patch) => {
        const result = evaluateSendGuards(snapshotWith(patch), { now: NOW });
        expect(result.ok).toBe(false);
        expect(result.reasons.map((r) => r.code)).toEqual([c.code]);
        const { message, resolution } = notSentCatalog[c.code];
        expect(result.reasons[0]).toMatchObject({ message, resolution });
      });
      it.each(c.clear)('passes: %s', (_name, patch) => {
        expect(codesOf(snapshotWith(patch))).toEqual([]);
      });
    });
  }
});

describe('evaluateSendGuards: details', () => {
  it.each<readonly [NotSentCode, string, Patch]>([
    ['blocked_contact_stage', 'customer', { contact: { stage: 'customer' } }],
    ['gdpr_location_blocked', 'DE', { contact: { country: 'de' } }],
    ['gdpr_location_blocked', 'time zone Europe/Rome', { contact: { country: '', timezone: 'Europe/Rome' } }],
    ['email_missing_or_invalid', 'missing', { contact: { email: null } }],
    ['email_missing_or_invalid', 'malformed', { contact: { email: 'x@' } }],
    ['email_missing_or_invalid', 'failed verification', { contact: { emailStatus: 'invalid' } }],
    ['mailbox_inactive', 'revoked', { mailbox: { status: 'inactive', inactiveReason: 'revoked' } }],
    ['not_owned_by_user', 'owner u2', { contact: { ownerId: 'u2' } }],
    [
      'company_blocked',
      'eu.example.com',
      { contact: { email: 'a@x.eu.example.com' }, blocklist: { domains: ['example.com', 'eu.example.com'] } },
    ],
    [
      'missing_dynamic_variable',
      'title, nick, fields.industry',
      { contact: { fields: {}, title: null }, step: { subject: '{{title}} {{lastName}} {{nick}}' } },
    ],
    ['missing_snippet', 'a, b', { step: { body: '{{snippet.a}} {{snippet.b}} {{snippet.a}}' } }],
  ])('%s: %s', (code, detail, patch) => {
    const reason = evaluateSendGuards(snapshotWith(patch), { now: NOW }).reasons.find((r) => r.code === code);
    expect(reason?.detail).toBe(detail);
  });

  it('leaves detail out when there is nothing to add', () => {
    const [reason] = evaluateSendGuards(snapshotWith({ contact: { unsubscribed: true } }), {
      now: NOW,
    }).reasons;
    expect(reason).toBeDefined();
    expect(reason && 'detail' in reason).toBe(false);
  });

  it('uses issues a caller already rendered instead of rendering again', () => {
    const s = snapshotWith({
      contact: { fields: {} },
      rendered: { missingVariables: ['title'], missingSnippets: [], openerMissing: true },
    });
    expect(codesOf(s)).toEqual(['missing_dynamic_variable', 'personalized_opener_missing']);
    expect(evaluateSendGuards(s, { now: NOW }).reasons[0]?.detail).toBe('title');
  });

  it('checks a one-off email with no sequence, step or enrollment', () => {
    const oneOff: Patch = {
      sequence: undefined,
      step: undefined,
      thread: undefined,
      alreadySentStep: undefined,
      activeEnrollments: undefined,
      draft: { subject: 'Hello {{firstName}}', body: '{{fields.budget}}' },
      contact: { stage: 'Customer' },
    };
    // No sequence means no stage list, but the default bounce protection still holds.
    expect(codesOf(snapshotWith(oneOff))).toEqual(['missing_dynamic_variable']);
    const bounced = snapshotWith({ ...oneOff, contact: { stage: 'Customer', bouncedBefore: true } });
    expect(codesOf(bounced)).toEqual(['likely_to_bounce', 'missing_dynamic_variable']);
  });

  it('has nothing to render when neither a step nor a draft carries content', () => {
    const s = snapshotWith({ step: null, draft: null, contact: { personalizedOpener: null, fields: {} } });
    expect(codesOf(s)).toEqual([]);
  });
});
