import { eq } from 'drizzle-orm';
import type { Account, PatchAccount } from '../../../shared/schemas/contact';
import { accounts } from '../../db/schema';
import { recordActivity } from '../activity';
import type { Actor } from '../actor';
import { assertMayChangeAccountStage } from '../contacts/account-stage';
import { toAccountDto } from '../contacts/contact-dto';
import { assertMayChangeOwner, assertTeamOwner } from '../contacts/team-refs';
import { type AccountDeps, assertDomainFree, loadAccount } from './account-rows';

/** Changes only what differs; a patch that changes nothing writes nothing and records no activity. */
export async function updateAccount(
  { db, now }: AccountDeps,
  actor: Actor,
  id: string,
  input: PatchAccount,
): Promise<Account> {
  const current = await loadAccount(db, actor, id);
  const changes: Partial<typeof accounts.$inferInsert> = {};
  if (input.name !== undefined && input.name !== current.name) changes.name = input.name;
  if (input.stage !== undefined && (input.stage ?? null) !== current.stage) {
    assertMayChangeAccountStage(actor, current.ownerId);
    changes.stage = input.stage ?? null;
  }
  if (input.domain !== undefined && (input.domain ?? null) !== current.domain)
    changes.domain = input.domain ?? null;
  if (input.ownerId !== undefined && (input.ownerId ?? null) !== current.ownerId) {
    assertMayChangeOwner(actor, current.ownerId, input.ownerId ?? null);
    await assertTeamOwner(db, actor.teamId, input.ownerId);
    changes.ownerId = input.ownerId ?? null;
  }
  const changed = Object.keys(changes);
  if (changed.length === 0) return toAccountDto(current);
  const row = await db.transaction(async (tx) => {
    if (changes.domain) await assertDomainFree(tx, actor.teamId, changes.domain, current.id);
    const [updated] = await tx
      .update(accounts)
      .set({ ...changes, updatedAt: now })
      .where(eq(accounts.id, current.id))
      .returning();
    if (!updated) throw new Error('update returned no row');
    await recordActivity(tx, {
      teamId: actor.teamId,
      kind: 'account_updated',
      actorId: actor.id,
      data: { accountId: current.id, changed },
      at: now,
    });
    return updated;
  });
  return toAccountDto(row);
}
