import type { TeamUser, User } from '../../../shared/schemas/user';
import type { users } from '../../db/schema';

type UserRow = typeof users.$inferSelect;

/** The only way a user row leaves the server: no hash, no tokens. */
export function toUserDto(u: Pick<UserRow, 'id' | 'email' | 'name' | 'role'>): User {
  return { id: u.id, email: u.email, name: u.name, role: u.role };
}

/** What an admin sees of a team member: the public fields plus whether they may sign in. */
export function toTeamUserDto(
  u: Pick<UserRow, 'id' | 'email' | 'name' | 'role' | 'active' | 'deactivatedAt'>,
): TeamUser {
  return {
    ...toUserDto(u),
    active: u.active,
    ...(u.deactivatedAt && { deactivatedAt: u.deactivatedAt.toISOString() }),
  };
}
