import { and, eq, isNull } from 'drizzle-orm';
import { inList } from '../db/bulk';
import type { Db } from '../db/client';
import { runPrepared } from '../db/prepared';
import { apiTokens, users } from '../db/schema';
import type { Actor } from '../domain/actor';
import { hashToken } from './tokens';

/**
 * The holders of these token hashes, by hash; a hash that is unknown, revoked, expired at `now` or
 * whose user is deactivated is absent. One prepared statement for any number of hashes (they travel
 * as one jsonb parameter, so its text never changes).
 */
export async function actorsForTokenHashes(
  db: Db,
  hashes: readonly string[],
  now: Date,
): Promise<Map<string, Actor>> {
  const query = db
    .select({
      hash: apiTokens.tokenHash,
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
        inList(apiTokens.tokenHash, hashes),
        isNull(apiTokens.revokedAt),
        // Deactivation revokes the tokens too; this also shuts out one issued in a race with it.
        eq(users.active, true),
      ),
    );
  const out = new Map<string, Actor>();
  for (const { hash, expiresAt, ...actor } of await runPrepared(query, 'actors_for_tokens')) {
    if (!expiresAt || expiresAt > now) out.set(hash, actor);
  }
  return out;
}

interface Waiter {
  resolve(actor: Actor | null): void;
  reject(error: unknown): void;
}

/**
 * `actorForToken` for a server under load: the lookups of every request that arrives in one turn of
 * the event loop go to the database as one statement, sent after the last of them arrived. Nothing
 * is remembered between turns, so there is nothing to invalidate: each request is checked by a read
 * that starts after the request came in, and a token revoked (or a user deactivated) before that is
 * refused at once, whichever process revoked it. Under load, many requests share one round trip.
 */
export function batchedActorForToken(db: Db, now: () => Date): (token: string) => Promise<Actor | null> {
  let pending: Map<string, Waiter[]> | null = null;

  function flush() {
    const batch = pending;
    pending = null;
    if (!batch) return;
    actorsForTokenHashes(db, [...batch.keys()], now()).then(
      (found) => {
        for (const [hash, waiters] of batch) for (const w of waiters) w.resolve(found.get(hash) ?? null);
      },
      (error) => {
        for (const waiters of batch.values()) for (const w of waiters) w.reject(error);
      },
    );
  }

  return (token) =>
    new Promise((resolve, reject) => {
      const hash = hashToken(token);
      if (!pending) {
        pending = new Map();
        // After the I/O callbacks of this turn: every request read in it has joined by then.
        setImmediate(flush);
      }
      const waiters = pending.get(hash);
      if (waiters) waiters.push({ resolve, reject });
      else pending.set(hash, [{ resolve, reject }]);
    });
}
