import { DomainError } from '../errors';

/**
 * A deactivated user cannot sign in. Said only after the password matched, so it tells nothing to
 * someone guessing; the person themselves learns why and whom to ask.
 */
export function assertMaySignIn(user: { active: boolean }): void {
  if (!user.active) {
    throw new DomainError(
      'forbidden',
      'user_deactivated',
      'your account has been deactivated: ask an admin of your team to reactivate it',
    );
  }
}
