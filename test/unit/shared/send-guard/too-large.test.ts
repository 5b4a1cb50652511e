import { describe, expect, it } from 'vitest';
import { notSentCatalog, notSentEntryFor, otherNotSentReasons } from '../../../../shared/send-guard/catalog';
import { detailInWords } from '../../../../shared/send-guard/detail-words';
import { evaluateSendGuards } from '../../../../shared/send-guard/engine';
import { RENDER_LIMITS } from '../../../../shared/template/render';
import { cleanSnapshot, NOW, snapshotWith } from './fixtures';

/** Issue 13, item 6: an email that fills in past RENDER_LIMITS is held with its own words. */
describe('an email too long once filled in', () => {
  const bomb = {
    cta: 'Worth a call?',
    unit: 'x'.repeat(2_000),
    k: '{{snippet.unit}}'.repeat(100),
    m: '{{snippet.k}}'.repeat(10),
  };

  it('is refused as other, with words that say why and what to do, naming the part', () => {
    const s = snapshotWith({ step: { body: 'Hi {{snippet.m}}' }, snippets: bomb });
    const { ok, reasons } = evaluateSendGuards(s, { now: NOW });
    expect(ok).toBe(false);
    expect(reasons).toEqual([
      {
        code: 'other',
        message: otherNotSentReasons.too_large.message,
        resolution: otherNotSentReasons.too_large.resolution,
        detail: `Too long once filled in: the body passes ${RENDER_LIMITS.body.toLocaleString('en-US')} characters.`,
      },
    ]);
  });

  it('names the subject when that is what passes its limit, and lets an email within both go', () => {
    const s = snapshotWith({ step: { subject: '{{snippet.unit}}{{snippet.unit}}' }, snippets: bomb });
    expect(evaluateSendGuards(s, { now: NOW }).reasons.map((r) => r.detail)).toEqual([
      'Too long once filled in: the subject passes 2,000 characters.',
    ]);
    const fine = snapshotWith({ step: { body: '{{snippet.k}}' }, snippets: bomb });
    expect(evaluateSendGuards(fine, { now: NOW }).ok).toBe(true);
    expect(evaluateSendGuards(cleanSnapshot(), { now: NOW }).ok).toBe(true);
  });

  it('reads in its own words wherever a stored `other` detail is shown', () => {
    const stored = 'other: Too long once filled in: the body passes 262,144 characters.';
    expect(notSentEntryFor('other', stored)).toMatchObject({ label: 'Email too long' });
    expect(detailInWords(stored, 'other')).toBe(
      'Too long once filled in: the body passes 262,144 characters.',
    );
    expect(notSentEntryFor('other', 'other: The email has no subject and no body.').label).toBe(
      'Empty email',
    );
    expect(notSentEntryFor('other', 'smtp said no')).toBe(notSentCatalog.other);
    expect(notSentEntryFor('missing_snippet', stored)).toBe(notSentCatalog.missing_snippet);
  });
});
