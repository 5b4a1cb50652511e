import countries from 'i18n-iso-countries';
import de from 'i18n-iso-countries/langs/de.json' with { type: 'json' };
import en from 'i18n-iso-countries/langs/en.json' with { type: 'json' };
import es from 'i18n-iso-countries/langs/es.json' with { type: 'json' };
import fr from 'i18n-iso-countries/langs/fr.json' with { type: 'json' };
import it from 'i18n-iso-countries/langs/it.json' with { type: 'json' };
import ja from 'i18n-iso-countries/langs/ja.json' with { type: 'json' };
import nl from 'i18n-iso-countries/langs/nl.json' with { type: 'json' };
import pl from 'i18n-iso-countries/langs/pl.json' with { type: 'json' };
import pt from 'i18n-iso-countries/langs/pt.json' with { type: 'json' };
import sv from 'i18n-iso-countries/langs/sv.json' with { type: 'json' };

/** Languages whose country names exports commonly carry (CRM users' locales in Europe, Americas, Japan). */
const LOCALES = [en, de, fr, es, it, nl, pt, sv, pl, ja];
for (const locale of LOCALES) countries.registerLocale(locale);

/** Names the library's tables lack but exports write (constituent countries, short forms). */
const EXTRA: Record<string, string> = {
  england: 'GB',
  scotland: 'GB',
  wales: 'GB',
  'northern ireland': 'GB',
  'viet nam': 'VN',
  'u.s.': 'US',
  'u.s.a.': 'US',
  'u.k.': 'GB',
  america: 'US',
  holland: 'NL',
};

/**
 * ISO 3166-1 alpha-2 for a country as exports write it: the code itself ("us"), alpha-3 ("DEU"),
 * or its name in one of the registered languages ("United States", "Deutschland", "Royaume-Uni").
 * Null when it names no country.
 */
export function countryCode(raw: string): string | null {
  const text = raw.trim().replace(/\s+/g, ' ');
  if (!text) return null;
  const upper = text.toUpperCase();
  if (/^[A-Z]{2}$/.test(upper)) return upper === 'UK' ? 'GB' : countries.isValid(upper) ? upper : null;
  if (/^[A-Z]{3}$/.test(upper)) {
    const alpha2 = countries.alpha3ToAlpha2(upper);
    if (alpha2) return alpha2;
  }
  const extra = EXTRA[text.toLowerCase()];
  if (extra) return extra;
  for (const locale of LOCALES) {
    const code = countries.getAlpha2Code(text, locale.locale);
    if (code) return code;
  }
  return null;
}
