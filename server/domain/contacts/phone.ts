import { type CountryCode, parsePhoneNumberFromString } from 'libphonenumber-js/max';

export interface NormalizedPhone {
  /** E.164 when the number could be read, else the text as written (trimmed). */
  phone: string;
  valid: boolean;
}

/**
 * Reads a phone number as exports write it ("+1 (415) 555-0100", "0151 23456789", "tel:…",
 * "'+44 20…" from a spreadsheet guarding the plus). Without a prefix the contact's country decides
 * the calling code. A number that cannot be read is kept as written and marked invalid, never dropped.
 */
export function normalizePhone(raw: string, country?: string | null): NormalizedPhone {
  const written = raw.trim();
  const text = written.replace(/^tel:/i, '').replace(/^'/, '');
  const defaultCountry = country ? (country.toUpperCase() as CountryCode) : undefined;
  try {
    const parsed = parsePhoneNumberFromString(text, { defaultCountry, extract: false });
    if (parsed?.isValid()) return { phone: parsed.number, valid: true };
  } catch {
    // libphonenumber throws on a few malformed inputs; those are unreadable like any other.
  }
  return { phone: written, valid: false };
}
