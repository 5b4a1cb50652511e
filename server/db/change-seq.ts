import { sql } from 'drizzle-orm';

/**
 * Set `changeSeq: nextChangeSeq()` in every update of a cached table (contacts, accounts, sequences,
 * enrollments, emails, tasks) so the delta feed sees the row again.
 */
export const nextChangeSeq = () => sql`nextval('change_seq')`;
