import { z } from 'zod';

/**
 * The aliases field (`settings.aliases`, issue 15): other addresses the rep sends from, typed one a
 * line or comma-separated. Mail from them is the rep's own, so the reply matcher never takes it as a
 * reply.
 */
export const ALIASES_KEY = 'settings.aliases';

/** The typed addresses, trimmed, in order, empty entries dropped. */
export function aliasList(text: string): string[] {
  return text
    .split(/[\s,;]+/)
    .map((a) => a.trim())
    .filter(Boolean);
}

const email = z.email().max(320);

/** One readable sentence naming every address that is not one, or none. */
export function aliasProblems(text: string): Record<string, string> {
  const list = aliasList(text);
  if (list.length > 100) return { [ALIASES_KEY]: 'List at most 100 other addresses.' };
  const bad = list.filter((a) => !email.safeParse(a).success);
  if (bad.length === 0) return {};
  const names = bad.map((a) => `“${a}”`).join(', ');
  return {
    [ALIASES_KEY]: `${names} ${bad.length === 1 ? 'is not an email address' : 'are not email addresses'}: write each like sales@acme.com.`,
  };
}

/**
 * The field's error: the form's own, or the server's `settings.aliases.N` 400 detail, named by the
 * address at N so the rep sees which one.
 */
export function aliasError(errors: Record<string, string | undefined>, text: string): string | undefined {
  if (errors[ALIASES_KEY]) return errors[ALIASES_KEY];
  const list = aliasList(text);
  const found = Object.entries(errors).find(([k, v]) => k.startsWith(`${ALIASES_KEY}.`) && v);
  if (!found) return undefined;
  const at = list[Number(found[0].slice(ALIASES_KEY.length + 1))];
  return at ? `“${at}”: ${found[1]}` : found[1];
}

/** The settings part of an edit for the aliases, only when the list changed; an empty list clears it. */
export function aliasesPatch(before: string, after: string): { aliases?: string[] | null } {
  const a = aliasList(before);
  const b = aliasList(after);
  if (a.length === b.length && a.every((x, i) => x === b[i])) return {};
  return { aliases: b.length ? b : null };
}
