import { describe, expect, it } from 'vitest';
import { stripQuotedText } from '../../../../shared/replies/quoted-text';

describe('stripQuotedText', () => {
  it.each([
    ['Gmail', 'Sure.\n\nOn Tue, Nov 24, 2026 at 9:00 AM Sam Rivera <sam@stride.example>\nwrote:\n> Hi'],
    [
      'Gmail, German',
      'Gerne.\n\nAm Di., 24. Nov. 2026 um 09:00 Uhr schrieb Sam Rivera <sam@stride.example>:\n> Hallo',
    ],
    ['Gmail, Dutch', 'Prima.\n\nOp di 24 nov 2026 om 09:00 schreef Sam Rivera <sam@stride.example>:\n> Hoi'],
    ['Outlook', 'Fine.\n\n-----Original Message-----\nFrom: Sam\nSent: Tuesday\nSubject: Intro\n\nHi'],
    [
      'Outlook, French',
      "D'accord.\n\nDe : Sam Rivera <sam@stride.example>\nEnvoyé : mardi 24 novembre 2026 09:00\nObjet : Intro",
    ],
    ['Outlook, separator', 'OK.\n________________________________\nFrom: Sam\nSent: Tuesday'],
  ])('cuts the quoted original (%s)', (_client, text) => {
    const firstLine = text.split('\n')[0];
    expect(stripQuotedText(text)).toBe(firstLine);
  });

  it('drops ">" lines and keeps the rest', () => {
    expect(stripQuotedText('Top\n> quoted\nBottom')).toBe('Top\nBottom');
  });

  it('leaves a message without quotes alone', () => {
    const text = 'On Monday I will be back in the office.\nSee you then.';
    expect(stripQuotedText(text)).toBe(text);
  });
});
