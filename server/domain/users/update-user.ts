import { and, asc, eq } from 'drizzle-orm';
import type { TeamUser } from '../../../shared/schemas/user';
import type { Tx } from '../../db/client';
import { users } from '../../db/schema';
import { recordActivity } from '../activity';
import { type Actor, isAdmin } from '../actor';
import { conflict, forbidden, notFound } from '../errors';
import { revokeTokens } from './tokens';
import type { UserDeps } from './user-deps';
import { toTeamUserDto } from './user-dto';
import { wakeOwnerInactiveEmails } from './wake-emails';

export interface UpdateUserInput {
  name?: string | undefined;
  role?: 'admin' | 'rep' | undefined;
  active?: boolean | undefined;
}

/** Activity kinds of the team lifecycle; `actorId` on each row is the admin who did it. */
export const USER_DEACTIVATED_ACTIVITY = 'user.deactivated';
export const USER_REACTIVATED_ACTIVITY = 'user.reactivated';

/**
 * The team's active admins, locked in id order. Every change that could remove an admin takes these
 * locks first, so two admins demoting or deactivating each other at once cannot leave none.
 */
async function lockActiveAdmins(tx: Tx, teamId: string): Promise<string[]> {
  const rows = await tx
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.teamId, teamId), eq(users.role, 'admin'), eq(users.active, true)))
    .orderBy(asc(users.id))
    .for('update');
  return rows.map((r) => r.id);
}

/**
 * An admin renames, changes the role of, deactivates or reactivates a team member. Deactivating
 * revokes every token of theirs and refuses their sign-in; the emails of contacts they own wait
 * (`owner_inactive`) until the contacts are reassigned or the user comes back. Reactivating lets them
 * sign in again (with a new sign-in: old tokens stay revoked) and wakes those emails. The team always
 * keeps one active admin: the last one can neither be demoted nor deactivated, by themselves or anyone.
 */
export async function updateUser(
  { db, now }: UserDeps,
  actor: Actor,
  id: string,
  input: UpdateUserInput,
): Promise<TeamUser> {
  if (!isAdmin(actor)) throw forbidden('only an admin can change users');
  return db.transaction(async (tx) => {
    const admins = await lockActiveAdmins(tx, actor.teamId);
    const [user] = await tx
      .select()
      .from(users)
      .where(and(eq(users.id, id), eq(users.teamId, actor.teamId)))
      .for('update');
    if (!user) throw notFound('user');

    const removesAdmin =
      user.role === 'admin' && user.active && (input.active === false || input.role === 'rep');
    if (removesAdmin && admins.length <= 1) {
      throw conflict(
        user.id === actor.id
          ? 'you are the last admin of the team: make someone else an admin first'
          : 'this is the last admin of the team: make someone else an admin first',
        undefined,
        'last_admin',
      );
    }

    const deactivating = input.active === false && user.active;
    const reactivating = input.active === true && !user.active;
    const patch = {
      ...(input.name !== undefined && { name: input.name }),
      ...(input.role !== undefined && { role: input.role }),
      ...(deactivating && { active: false, deactivatedAt: now }),
      ...(reactivating && { active: true, deactivatedAt: null }),
    };
    const [updated] = await tx
      .update(users)
      .set({ ...patch, updatedAt: now })
      .where(eq(users.id, user.id))
      .returning();
    if (!updated) throw notFound('user');

    if (deactivating) {
      const revokedTokens = await revokeTokens(tx, user.id, now);
      await recordActivity(tx, {
        teamId: actor.teamId,
        kind: USER_DEACTIVATED_ACTIVITY,
        actorId: actor.id,
        data: { userId: user.id, revokedTokens },
        at: now,
      });
    }
    if (reactivating) {
      const resumedEmails = await wakeOwnerInactiveEmails(tx, actor.teamId, now);
      await recordActivity(tx, {
        teamId: actor.teamId,
        kind: USER_REACTIVATED_ACTIVITY,
        actorId: actor.id,
        data: { userId: user.id, resumedEmails },
        at: now,
      });
    }
    return toTeamUserDto(updated);
  });
}
