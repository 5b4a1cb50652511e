import { describe, expect, it } from 'vitest';
import {
  findReturnDate,
  parseReturnDate,
  type ReturnDateOptions,
  rankLanguages,
  readingLanguages,
} from '../../../../shared/replies/return-date';

/** Tuesday 1 December 2026, 11:00 in Berlin. */
const now = new Date('2026-12-01T10:00:00Z');

function returnDay(text: string, options: Partial<ReturnDateOptions> = {}) {
  const match = findReturnDate(text, { now, timeZone: 'Europe/Berlin', ...options });
  return match ? `${match.returnDay} ${match.rule}` : null;
}

describe('parseReturnDate phrases', () => {
  it.each([
    // "back on": the contact is there that day.
    ['en', 'I will be back on Monday 14 December.', '2026-12-14 on'],
    ['en', 'Returning to the office on 14 Dec.', '2026-12-14 on'],
    ['de', 'Ich bin zurück am 14.12.2026.', '2026-12-14 on'],
    ['de', 'Ab dem 15.12. bin ich wieder für Sie erreichbar.', '2026-12-15 on'],
    ['de', 'Am 14. Dezember bin ich wieder im Büro.', '2026-12-14 on'],
    ['fr', 'Je serai de retour le 14 décembre.', '2026-12-14 on'],
    ['fr', 'De retour le lundi 14 décembre.', '2026-12-14 on'],
    ['es', 'Estaré de vuelta el 14 de diciembre.', '2026-12-14 on'],
    ['es', 'Regreso el lunes 14 de diciembre.', '2026-12-14 on'],
    ['pt', 'Retorno em 14/12/2026.', '2026-12-14 on'],
    ['pt', 'Volto no dia 14 de dezembro.', '2026-12-14 on'],
    ['nl', 'Ik ben terug op 14 december.', '2026-12-14 on'],
    ['nl', 'Vanaf maandag 14 december ben ik weer aanwezig.', '2026-12-14 on'],
    ['it', 'Rientro il 14 dicembre.', '2026-12-14 on'],
    ['it', 'Rientrerò in ufficio lunedì 14 dicembre.', '2026-12-14 on'],
    // "until": the absence includes that day, so the return is the day after.
    ['en', 'I am out of the office until Friday, December 11th.', '2026-12-12 after'],
    ['en', 'Out until the 14th.', '2026-12-15 after'],
    ['en', 'Away 3-11 December.', '2026-12-12 after'],
    ['de', 'Ich bin bis einschließlich 11.12. nicht im Büro.', '2026-12-12 after'],
    ['de', 'Ich bin bis zum 14. nicht erreichbar.', '2026-12-15 after'],
    ['de', 'Ich bin vom 1. bis 14. Dezember im Urlaub.', '2026-12-15 after'],
    ['fr', "Je suis absente jusqu'au 11 décembre inclus.", '2026-12-12 after'],
    ['fr', "Je suis en congés jusqu'au 14.", '2026-12-15 after'],
    ['fr', 'Absent du 1er au 11 décembre.', '2026-12-12 after'],
    ['es', 'Estoy de vacaciones hasta el 11 de diciembre.', '2026-12-12 after'],
    ['es', 'Estoy fuera del 20 de diciembre al 4 de enero.', '2027-01-05 after'],
    ['pt', 'Estou de férias até 11 de dezembro.', '2026-12-12 after'],
    ['pt', 'Estou fora até ao dia 14.', '2026-12-15 after'],
    ['nl', 'Ik ben afwezig tot en met 11 december.', '2026-12-12 after'],
    ['nl', 'Ik ben met vakantie tot 11-12-2026.', '2026-12-12 after'],
    ['it', "Sono in ferie fino all'11 dicembre.", '2026-12-12 after'],
    ['it', 'Sono fuori sede dal 1 al 14 dicembre.', '2026-12-15 after'],
  ])('%s: %s', (_language, text, expected) => {
    expect(returnDay(text)).toBe(expected);
  });
});

describe('parseReturnDate choices', () => {
  it('resumes at 09:00 on the return day in the contact zone', () => {
    expect(
      parseReturnDate('Back on 14 December.', { now, timeZone: 'America/New_York' })?.toISOString(),
    ).toBe('2026-12-14T14:00:00.000Z');
    expect(
      parseReturnDate('Back on 14 December.', { now, timeZone: 'Australia/Lord_Howe' })?.toISOString(),
    ).toBe(
      // Lord Howe is UTC+11 in December.
      '2026-12-13T22:00:00.000Z',
    );
  });

  it('prefers an explicit return over an "until" date', () => {
    expect(returnDay('Ich bin bis zum 11.12. nicht im Büro. Ab 14.12. bin ich wieder da.')).toBe(
      '2026-12-14 on',
    );
    expect(returnDay("Fuori sede fino all'11 dicembre, rientro il 14 dicembre.")).toBe('2026-12-14 on');
  });

  it('counts a bare weekday from the last date named, and always forward', () => {
    expect(returnDay('Out of the office until Friday, December 11th and back on Monday.')).toBe(
      '2026-12-14 on',
    );
    expect(returnDay('Back on Monday.')).toBe('2026-12-07 on');
    // Written on Monday 7 December, "Monday" is the 14th, not today.
    expect(returnDay('Back on Monday.', { now: new Date('2026-12-07T10:00:00Z') })).toBe('2026-12-14 on');
  });

  it('reads "not back until" as the return day', () => {
    expect(returnDay("I won't be back until Monday 14 December.")).toBe('2026-12-14 on');
    expect(returnDay('No volveré hasta el 14 de diciembre.')).toBe('2026-12-14 on');
  });

  it('orders numeric day and month by language, and English by zone', () => {
    const wide = { maxPauseDays: 400 };
    expect(returnDay('Back on 12/03/2027.', { ...wide, timeZone: 'America/Chicago' })).toBe('2027-12-03 on');
    expect(returnDay('Back on 12/03/2027.', { ...wide, timeZone: 'Europe/London' })).toBe('2027-03-12 on');
    expect(returnDay('De retour le 12/03/2027.', { ...wide, timeZone: 'America/Montreal' })).toBe(
      '2027-03-12 on',
    );
    expect(returnDay('Back on 12/03/2027.', { ...wide, locales: ['en-US'] })).toBe('2027-12-03 on');
    expect(returnDay('Back on 12/03/2027.', { ...wide, locales: ['en'], timeZone: 'America/Chicago' })).toBe(
      '2027-12-03 on',
    );
    expect(returnDay('Back on 12/03/2027.', { ...wide, locales: ['en'] })).toBe('2027-03-12 on');
  });

  it('picks a year-less date closest to today', () => {
    expect(returnDay('Back on 4 January.')).toBe('2027-01-04 on');
    expect(returnDay('Back on 4 January.', { now: new Date('2027-01-02T10:00:00Z') })).toBe('2027-01-04 on');
  });

  it('caps a far date at maxPauseDays and says so', () => {
    const match = findReturnDate('On parental leave, back on 1 June 2027.', {
      now,
      timeZone: 'Europe/Berlin',
    });
    expect(match).toMatchObject({ returnDay: '2027-06-01', capped: true });
    expect(match?.resumeAt.toISOString()).toBe('2027-01-30T10:00:00.000Z');
    expect(
      parseReturnDate('Back on 1 June 2027.', {
        now,
        timeZone: 'Europe/Berlin',
        maxPauseDays: 10,
      })?.toISOString(),
    ).toBe('2026-12-11T10:00:00.000Z');
  });

  it('ignores past days, including a return this morning that has already gone by', () => {
    expect(parseReturnDate('I am out of the office until 20 November.', { now })).toBeNull();
    expect(parseReturnDate('Back on 1 December.', { now, timeZone: 'Europe/Berlin' })).toBeNull();
    // Still before 09:00 in Los Angeles (02:00 there), so today's morning is ahead.
    expect(
      parseReturnDate('Back on 1 December.', { now, timeZone: 'America/Los_Angeles' })?.toISOString(),
    ).toBe('2026-12-01T17:00:00.000Z');
  });

  it('returns null when no cued date is present', () => {
    expect(parseReturnDate('I am out of the office with limited access to email.', { now })).toBeNull();
    expect(parseReturnDate('Join our webinar on 14 December at 3pm.', { now })).toBeNull();
    expect(parseReturnDate('Our team is available Monday to Friday, 9am–5pm.', { now })).toBeNull();
    expect(parseReturnDate('I am in meetings until 5 pm.', { now })).toBeNull();
    expect(parseReturnDate('Version 3.5 ships with back-office support.', { now })).toBeNull();
  });

  it('ignores dates in the quoted original', () => {
    const text =
      'I am out of the office.\n\nOn Tue, Nov 24, 2026 at 9:00 AM Sam <sam@stride.example> wrote:\n> Shall we talk when you are back on 14 December?';
    expect(parseReturnDate(text, { now })).toBeNull();
  });
});

describe('rankLanguages', () => {
  it('puts the language of the text first and English by the zone', () => {
    expect(rankLanguages('Ich bin bis zum 11. Dezember nicht im Büro.', 'Europe/Berlin')[0]).toBe('de');
    expect(rankLanguages('Je suis de retour le 14 décembre.', 'Europe/Paris')[0]).toBe('fr');
    expect(rankLanguages('Back on 14 December.', 'America/Denver')[0]).toBe('en-US');
    expect(rankLanguages('Back on 14 December.', 'Asia/Kolkata')[0]).toBe('en-GB');
  });
});

describe('readingLanguages', () => {
  it('reads a text only in the languages whose words it holds, and English', () => {
    expect(readingLanguages('Ich bin bis zum 11. Dezember nicht im Büro.', 'Europe/Berlin')).toEqual([
      'de',
      'en-GB',
    ]);
    expect(readingLanguages('I am back on Monday.', 'America/Denver')).toEqual(['en-US']);
    expect(readingLanguages('12/11', 'Europe/Paris')).toEqual(['en-GB']);
  });

  it('finds the same return date as reading in every language', () => {
    const now = new Date('2026-12-01T09:00:00Z');
    const texts = [
      'Ik ben afwezig tot en met 14 december.',
      'Sono fuori ufficio fino al 14 dicembre.',
      'Estoy fuera de la oficina hasta el 14 de diciembre.',
      'Estou ausente até 14 de dezembro.',
      'Jag är tillbaka den 14 december.',
      'Out of office until 14.12.',
    ];
    for (const text of texts) {
      const all = findReturnDate(text, {
        now,
        timeZone: 'Europe/Berlin',
        locales: rankLanguages(text, 'Europe/Berlin'),
      });
      expect(findReturnDate(text, { now, timeZone: 'Europe/Berlin' })?.returnDay, text).toBe(all?.returnDay);
      expect(all, text).not.toBeNull();
    }
  });
});
