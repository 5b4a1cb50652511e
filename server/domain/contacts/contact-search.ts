import { ilike, or, type SQL, sql } from 'drizzle-orm';
import { contacts } from '../../db/schema';
import { containsPattern } from './team-refs';

/**
 * The contact's name ("first last", so "ada love" finds Ada Lovelace) or email contains `q`,
 * case-insensitively, and optionally the company too; LIKE wildcards in `q` are taken literally.
 */
export function contactMatches(q: string, opts: { company?: boolean } = {}): SQL {
  const like = containsPattern(q);
  return or(
    ilike(contacts.email, like),
    sql`(coalesce(${contacts.firstName}, '') || ' ' || coalesce(${contacts.lastName}, '')) ilike ${like}`,
    opts.company ? ilike(contacts.company, like) : undefined,
  ) as SQL;
}
