import type { User } from '../../../shared/schemas/user';
import type { Actor } from '../actor';
import { toUserDto } from './user-dto';

/** The signed-in user as the API shows them: the actor was loaded with the token, so no query. */
export function getMe(actor: Actor): User {
  return toUserDto(actor);
}
