import { and, eq, isNull, ne } from 'drizzle-orm';
import { hashToken } from '../../auth/tokens';
import type { Db, Tx } from '../../db/client';
import { apiTokens } from '../../db/schema';
import type { Actor } from '../actor';
import type { UserDeps } from './user-deps';

/**
 * Revokes a user's live tokens, all of them or all but one (`except`, a bearer token in clear), and
 * says how many. Revoked rows are kept (revoked_at set) so an audit can still see the sign-ins.
 */
export async function revokeTokens(db: Db | Tx, userId: string, now: Date, except?: string): Promise<number> {
  const revoked = await db
    .update(apiTokens)
    .set({ revokedAt: now })
    .where(
      and(
        eq(apiTokens.userId, userId),
        isNull(apiTokens.revokedAt),
        except === undefined ? undefined : ne(apiTokens.tokenHash, hashToken(except)),
      ),
    )
    .returning({ id: apiTokens.id });
  return revoked.length;
}

/**
 * Sign-out: revokes the token the request was made with (and only it: other devices stay signed in).
 * Only the caller's own token can be named, so this cannot sign anybody else out.
 */
export async function signOut({ db, now }: UserDeps, actor: Actor, input: { token: string }) {
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
