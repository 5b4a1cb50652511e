import { randomBytes } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { Db } from '../db/client';
import { newId } from '../db/ids';
import { teams, users } from '../db/schema';
import { hashPassword } from './password';

export interface BootstrapResult {
  created: boolean;
  email?: string;
  /** Present only when Stride generated it: shown once, never stored in clear. */
  generatedPassword?: string;
}

/**
 * On an empty database, creates the first team and its admin so a newcomer can sign in at once.
 * The count and insert run in one transaction under a lock so two processes cannot both create one.
 */
export async function bootstrapAdmin(
  db: Db,
  opts: { email?: string | undefined; password?: string | undefined },
): Promise<BootstrapResult> {
  return db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(727365002)`);
    const [existing] = await tx.select({ n: sql<number>`count(*)::int` }).from(users);
    if ((existing?.n ?? 0) > 0) return { created: false };
    const email = opts.email ?? 'admin@stride.local';
    const generatedPassword = opts.password ? undefined : randomBytes(12).toString('base64url');
    const password = opts.password ?? generatedPassword ?? '';
    const teamId = newId('team');
    await tx.insert(teams).values({ id: teamId, name: 'My team' });
    await tx.insert(users).values({
      id: newId('usr'),
      teamId,
      email,
      name: 'Admin',
      role: 'admin',
      passwordHash: await hashPassword(password),
    });
    return { created: true, email, ...(generatedPassword && { generatedPassword }) };
  });
}
