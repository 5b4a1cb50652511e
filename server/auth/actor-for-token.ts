import { and, eq, isNull } from 'drizzle-orm';
import type { Db } from '../db/client';
import { runPrepared } from '../db/prepared';
import { apiTokens, users } from '../db/schema';
import type { Actor } from '../domain/actor';
import { hashToken } from './tokens';

/** Who holds this bearer token, or null when it is unknown, revoked, expired at `now` or its user deactivated. */
export async function actorForToken(db: Db, token: string, now: Date): Promise<Actor | null> {
  // Every authenticated request runs this first: prepared, it is one round trip and no parse or plan.
  const query = db
    .select({
      id: users.id,
      teamId: users.teamId,
      email: users.email,
      name: users.name,
      role: users.role,
      expiresAt: apiTokens.expiresAt,
    })
    .from(apiTokens)
    .innerJoin(users, eq(users.id, apiTokens.userId))
    .where(
      and(
        eq(apiTokens.tokenHash, hashToken(token)),
        isNull(apiTokens.revokedAt),
        // Deactivation revokes the tokens too; this also shuts out one issued in a race with it.
        eq(users.active, true),
      ),
    )
    .limit(1);
  const [row] = await runPrepared(query, 'actor_for_token');
  if (!row || (row.expiresAt && row.expiresAt <= now)) return null;
  const { expiresAt: _expiresAt, ...actor } = row;
  return actor;
}
