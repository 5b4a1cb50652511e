import { sql } from 'drizzle-orm';
import type { User } from '../../../shared/schemas/user';
import { hashPassword } from '../../auth/password';
import { newId } from '../../db/ids';
import { users } from '../../db/schema';
import { type Actor, assertAdmin } from '../actor';
import { conflict } from '../errors';
import type { UserDeps } from './user-deps';
import { toUserDto } from './user-dto';

export interface CreateUserInput {
  email: string;
  name: string;
  role: 'admin' | 'rep';
  password: string;
}

/** An admin adds a team member. Emails are unique across the server, compared without case. */
export async function createUser({ db }: UserDeps, actor: Actor, input: CreateUserInput): Promise<User> {
  assertAdmin(actor);
  const [clash] = await db
    .select({ id: users.id })
    .from(users)
    .where(sql`lower(${users.email}) = ${input.email.toLowerCase()}`);
  if (clash) throw conflict('a user with this email already exists');
  const row = {
    id: newId('usr'),
    teamId: actor.teamId,
    email: input.email,
    name: input.name,
    role: input.role,
    passwordHash: await hashPassword(input.password),
  };
  await db.insert(users).values(row);
  return toUserDto(row);
}
