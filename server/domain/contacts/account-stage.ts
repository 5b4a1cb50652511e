import type { Actor } from '../actor';
import { forbidden } from '../errors';

/**
 * An account's stage feeds every sequence's ruleset (blockedAccountStages), so changing it stops or
 * starts colleagues' sends to everyone at that company. Only the account's owner or an admin may set
 * it; an account nobody owns belongs to the team, so only an admin. Judged on the owner before the
 * request: claiming an account and restaging it in one call is still two decisions for an admin.
 */
export function accountStageProblem(user: Actor, ownerId: string | null): string | null {
  if (user.role === 'admin' || (ownerId !== null && ownerId === user.id)) return null;
  return ownerId === null
    ? 'only an admin can set the stage of an account nobody owns (set yourself as its owner first, or ask an admin)'
    : "only the account's owner or an admin can change its stage";
}

export function assertMayChangeAccountStage(user: Actor, ownerId: string | null): void {
  const problem = accountStageProblem(user, ownerId);
  if (problem) throw forbidden(problem);
}
