import { describe, expect, it } from 'vitest';
import { labelsOf, labelValue, OWA_LABELS, OWA_LANGUAGES } from '../../extension/hosts/outlook/owa-labels';
import { labelMatches, OWA_PARTS } from '../../extension/hosts/outlook/selectors';

describe('OWA label table', () => {
  it('has every label in every language', () => {
    for (const [key, row] of Object.entries(OWA_LABELS)) {
      for (const lang of OWA_LANGUAGES) expect(row[lang].length, `${key}.${lang}`).toBeGreaterThan(0);
    }
  });

  it('reads a label alone or followed by a value, in each language', () => {
    expect(labelValue('from', 'From: dana@acme.test')).toBe('dana@acme.test');
    expect(labelValue('from', 'Von: Dana Lee')).toBe('Dana Lee');
    expect(labelValue('from', 'De : Dana Lee')).toBe('Dana Lee');
    expect(labelValue('from', '差出人：Dana Lee')).toBe('Dana Lee');
    expect(labelValue('to', 'Aan')).toBe('');
    expect(labelValue('to', 'Para: a@b.test')).toBe('a@b.test');
    expect(labelValue('cc', 'CC: a@b.test')).toBe('a@b.test');
  });

  it('does not take a word that merely starts like a label', () => {
    expect(labelValue('to', 'Tomorrow: lunch')).toBeUndefined();
    expect(labelValue('from', 'Dana Lee')).toBeUndefined();
    expect(labelValue('to', 'Antworten')).toBeUndefined();
  });

  it('matches parts by exact, prefix and start labels', () => {
    expect(labelMatches(OWA_PARTS.readingPane, 'Lesebereich')).toBe(true);
    expect(labelMatches(OWA_PARTS.readingPane, 'Lesebereich: x')).toBe(false);
    expect(labelMatches(OWA_PARTS.sender, 'Da: Dana')).toBe(true);
    expect(labelMatches(OWA_PARTS.userMailbox, 'Account manager for Rep')).toBe(true);
    expect(labelMatches(OWA_PARTS.sendButton, 'Verzenden')).toBe(true);
    expect(labelsOf('send')).toContain('送信');
  });
});
