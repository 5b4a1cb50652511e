import { notSentCodes } from '../schemas/not-sent-code';
import { notSentCatalog } from './catalog';

const codes: ReadonlySet<string> = new Set(notSentCodes);

/*
 * The scheduler stores a held email's detail as "code: detail; code" (one part per reason the guard
 * gave). A person reads each part by its catalog label instead: "Missing dynamic variable: fields.event".
 * The reason already shown as the row's title is not repeated when it carries no detail of its own,
 * and "other" shows only its words. Anything else (a provider's own text) is kept as written.
 */
export function detailInWords(detail: string | null | undefined, shownReason?: string): string | null {
  if (!detail) return null;
  const parts = detail
    .split('; ')
    .map((part) => {
      const m = /^([a-z][a-z0-9_]*)(?::\s*(.*))?$/s.exec(part.trim());
      if (!m || !codes.has(m[1] as string)) return part.trim();
      const code = m[1] as keyof typeof notSentCatalog;
      const rest = m[2]?.trim();
      if (!rest) return code === shownReason || code === 'other' ? '' : notSentCatalog[code].label;
      return code === 'other' || code === shownReason ? rest : `${notSentCatalog[code].label}: ${rest}`;
    })
    .filter((p) => p !== '');
  return parts.length === 0 ? null : parts.join('; ');
}
