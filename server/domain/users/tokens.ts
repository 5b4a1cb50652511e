import { and, eq, isNull, ne } from 'drizzle-orm';
import { hashToken } from '../../auth/tokens';
import type { Db, Tx } from '../../db/client';
import { apiTokens } from '../../db/schema';

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
