import { findReturnDate } from '../../../../shared/replies/return-date';
import { test } from 'vitest';
const now = new Date('2026-12-01T10:00:00Z');
const cases: [string, string | null][] = [
  ['I will be back on Monday 14 December.', 'Europe/London'],
  ['I am out of the office until Friday, December 11th and back on Monday', 'America/New_York'],
  ['I am out of the office until Friday, December 11th.', 'America/New_York'],
  ['out until the 14th', null],
  ['Ich bin ab dem 15.12. wieder zurück', 'Europe/Berlin'],
  ['Ich bin bis zum 11.12. nicht im Büro. Ab 14.12. wieder da.', 'Europe/Berlin'],
  ['Ich bin vom 1. bis 14. Dezember nicht im Büro', 'Europe/Berlin'],
  ['Je suis de retour le 14 décembre', 'Europe/Paris'],
  ["Je suis absente jusqu'au 14", 'Europe/Paris'],
  ['Estaré de vuelta el 14 de diciembre', 'Europe/Madrid'],
  ['Estoy fuera del 1 al 11 de diciembre', 'Europe/Madrid'],
  ['retorno em 14/12/2026', 'America/Sao_Paulo'],
  ['Estou de férias até ao dia 11', 'Europe/Lisbon'],
  ['Ik ben terug op 14 december', 'Europe/Amsterdam'],
  ['Ik ben afwezig tot en met vrijdag 11 december', 'Europe/Amsterdam'],
  ["Sono fuori sede fino all'11 dicembre, rientro il 14 dicembre", 'Europe/Rome'],
  ['back on 12/03/2027', 'America/Chicago'],
  ['back on 12/03/2027', 'Europe/London'],
  ["I won't be back until Monday 14 December", null],
  ['Back on 1 June 2027', null],
  ['I was out until 20 November', null],
  ['Our support team is available Monday to Friday', null],
  ['On Tue, Dec 1, 2026 at 10:00 AM Rep <rep@x.com> wrote:\n> let us meet on 14 December', null],
];
test('x', () => {
  for (const [t, z] of cases) console.log(JSON.stringify(t), z, JSON.stringify(findReturnDate(t, { now, timeZone: z })));
});
