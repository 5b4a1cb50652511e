import { findIana } from 'windows-iana';

/** Every IANA name the runtime knows, by lower case, so "america/new_york" reads too. */
function zoneTable() {
  const byLower = new Map<string, string>();
  const byCity = new Map<string, string>();
  for (const zone of Intl.supportedValuesOf('timeZone')) {
    byLower.set(zone.toLowerCase(), zone);
    const city = zone.slice(zone.lastIndexOf('/') + 1).toLowerCase();
    if (!byCity.has(city)) byCity.set(city, zone);
  }
  // supportedValuesOf lists canonical zones only; UTC and common links are written in exports too.
  for (const zone of ['UTC', 'Etc/UTC', 'GMT', 'Asia/Kolkata', 'Europe/Kyiv', 'Asia/Ho_Chi_Minh']) {
    byLower.set(zone.toLowerCase(), zone);
    byCity.set(zone.slice(zone.lastIndexOf('/') + 1).toLowerCase(), zone);
  }
  return { byLower, byCity };
}

let table: ReturnType<typeof zoneTable> | undefined;

/** Short names and the North American region names the "(GMT-06:00) Central Time" style uses. */
const NAMES: Record<string, string> = {
  est: 'America/New_York',
  edt: 'America/New_York',
  eastern: 'America/New_York',
  'eastern time': 'America/New_York',
  cst: 'America/Chicago',
  cdt: 'America/Chicago',
  central: 'America/Chicago',
  'central time': 'America/Chicago',
  mst: 'America/Denver',
  mdt: 'America/Denver',
  mountain: 'America/Denver',
  'mountain time': 'America/Denver',
  pst: 'America/Los_Angeles',
  pdt: 'America/Los_Angeles',
  pacific: 'America/Los_Angeles',
  'pacific time': 'America/Los_Angeles',
  alaska: 'America/Anchorage',
  hawaii: 'Pacific/Honolulu',
  arizona: 'America/Phoenix',
  'atlantic time': 'America/Halifax',
  cet: 'Europe/Paris',
  cest: 'Europe/Paris',
  bst: 'Europe/London',
  ist: 'Asia/Kolkata',
  jst: 'Asia/Tokyo',
  aest: 'Australia/Sydney',
  utc: 'UTC',
  gmt: 'UTC',
};

const OFFSET_PREFIX = /^\(?\s*(?:gmt|utc)\s*(?:([+-])(\d{1,2})(?::?(\d{2}))?)?\s*\)?\s*/i;

function windowsZone(name: string): string | undefined {
  for (const candidate of [name, name.replace(/\btime\b/i, 'Standard Time')]) {
    const found = findIana(candidate)?.[0];
    if (found) return found;
  }
  return undefined;
}

/**
 * An IANA zone for a time zone as exports write it: IANA in any case ("America/New_York"),
 * HubSpot's "america_slash_new_york", Windows ids ("Central Standard Time"), the display style
 * "(GMT-06:00) Central Time (US & Canada)" or "(UTC+01:00) Amsterdam, Berlin, Bern", and short
 * names (EST, CET). A bare offset ("GMT+2") falls back to the Etc/GMT zone of that offset.
 */
export function ianaZone(raw: string): string | null {
  table ??= zoneTable();
  const text = raw.trim().replace(/_slash_/gi, '/');
  if (!text) return null;
  const direct = table.byLower.get(text.toLowerCase());
  if (direct) return direct;
  const prefix = OFFSET_PREFIX.exec(text);
  const rest = (prefix ? text.slice(prefix[0].length) : text).trim();
  const plain = rest
    .replace(/\([^)]*\)/g, '')
    .trim()
    .toLowerCase();
  if (rest) {
    const named = NAMES[plain] ?? windowsZone(rest) ?? windowsZone(rest.replace(/\s*\([^)]*\)/g, ''));
    if (named) return named;
    for (const city of rest.split(/[,/;]/)) {
      const zone = table.byCity.get(city.trim().toLowerCase().replace(/\s+/g, '_'));
      if (zone) return zone;
    }
    return null;
  }
  if (!prefix) return null;
  const [, sign, hours = '0', minutes = '00'] = prefix;
  if (minutes !== '00' || Number(hours) > 14) return null;
  if (Number(hours) === 0) return 'UTC';
  // Etc/GMT names count the other way round: UTC+2 is Etc/GMT-2.
  return `Etc/GMT${sign === '+' ? '-' : '+'}${Number(hours)}`;
}
