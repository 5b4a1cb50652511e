import { and, eq, isNull } from 'drizzle-orm';
import { hashToken } from '../../auth/tokens';
import type { Db } from '../../db/client';
import { apiTokens } from '../../db/schema';
import type { Actor } from '../actor';

/**
 * Sign-out: revokes the token the request was made with (and only it: other devices stay signed in).
 * Only the caller's own token can be named, so this cannot sign anybody else out.
 */
export async function signOut({ db, now }: { db: Db; now: Date }, actor: Actor, input: { token: string }) {
  const revoked = await db
    .update(apiTokens)
    .set({ revokedAt: now })
    .where(
      and(
        eq(apiTokens.tokenHash, hashToken(input.token)),
        eq(apiTokens.userId, actor.id),
        isNull(apiTokens.revokedAt),
      ),
    )
    .returning({ id: apiTokens.id });
  return { revoked: revoked.length > 0 };
}
