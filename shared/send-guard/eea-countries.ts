/*
 * Where the EU GDPR applies, for the ruleset's `gdprBlockEu` switch.
 *
 * The United Kingdom (GB) and Switzerland (CH) are deliberately left out: they have their own laws
 * (UK GDPR, the revised FADP), the switch and the help page it follows are about the EU/EEA, and
 * silently widening a "block the EU" switch would stop sends a team chose to make. A team that wants
 * them blocked can use a contact stage or the blocklist.
 */
const eu27 = [
  'AT',
  'BE',
  'BG',
  'HR',
  'CY',
  'CZ',
  'DK',
  'EE',
  'FI',
  'FR',
  'DE',
  'GR',
  'HU',
  'IE',
  'IT',
  'LV',
  'LT',
  'LU',
  'MT',
  'NL',
  'PL',
  'PT',
  'RO',
  'SK',
  'SI',
  'ES',
  'SE',
] as const;

/** EEA members outside the EU. */
const eeaOnly = ['IS', 'LI', 'NO'] as const;

/*
 * Parts of EU states that ISO 3166 codes separately but where EU law (and so the GDPR) applies:
 * Åland and the French outermost regions. A CRM that stores "RE" for Réunion must not slip past.
 */
const euTerritories = ['AX', 'GF', 'GP', 'MQ', 'RE', 'YT', 'MF'] as const;

export const eeaCountryCodes: ReadonlySet<string> = new Set<string>([...eu27, ...eeaOnly, ...euTerritories]);

/*
 * Used only when a contact has no country: a time zone inside the EEA is strong evidence of where
 * the person is, and for a compliance switch guessing "outside" would be the costly mistake.
 */
export const eeaTimeZones: ReadonlySet<string> = new Set<string>([
  'Europe/Vienna',
  'Europe/Brussels',
  'Europe/Sofia',
  'Europe/Zagreb',
  'Asia/Nicosia',
  'Asia/Famagusta',
  'Europe/Nicosia',
  'Europe/Prague',
  'Europe/Copenhagen',
  'Europe/Tallinn',
  'Europe/Helsinki',
  'Europe/Mariehamn',
  'Europe/Paris',
  'Europe/Berlin',
  'Europe/Busingen',
  'Europe/Athens',
  'Europe/Budapest',
  'Europe/Dublin',
  'Europe/Rome',
  'Europe/Riga',
  'Europe/Vilnius',
  'Europe/Luxembourg',
  'Europe/Malta',
  'Europe/Amsterdam',
  'Europe/Warsaw',
  'Europe/Lisbon',
  'Atlantic/Madeira',
  'Atlantic/Azores',
  'Europe/Bucharest',
  'Europe/Bratislava',
  'Europe/Ljubljana',
  'Europe/Madrid',
  'Africa/Ceuta',
  'Atlantic/Canary',
  'Europe/Stockholm',
  'Atlantic/Reykjavik',
  'Europe/Vaduz',
  'Europe/Oslo',
  'America/Cayenne',
  'America/Guadeloupe',
  'America/Martinique',
  'America/Marigot',
  'Indian/Reunion',
  'Indian/Mayotte',
  'Eire',
  'Iceland',
  'Poland',
  'Portugal',
]);

export function isEeaCountry(country: string): boolean {
  return eeaCountryCodes.has(country.trim().toUpperCase());
}

/** The stated country decides; the time zone is consulted only when no country is known. */
export function isInEea(country: string | null | undefined, timezone: string | null | undefined): boolean {
  if (country != null && country.trim() !== '') return isEeaCountry(country);
  return timezone != null && eeaTimeZones.has(timezone.trim());
}
