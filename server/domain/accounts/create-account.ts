import type { Account, CreateAccount } from '../../../shared/schemas/contact';
import { newId } from '../../db/ids';
import { accounts } from '../../db/schema';
import { recordActivity } from '../activity';
import type { Actor } from '../actor';
import { assertMayChangeAccountStage } from '../contacts/account-stage';
import { toAccountDto } from '../contacts/contact-dto';
import { assertMayChangeOwner, assertTeamOwner } from '../contacts/team-refs';
import { type AccountDeps, assertDomainFree } from './account-rows';

/** One account per domain in a team; contacts created later with that domain link to it. */
export async function createAccount(
  { db, now }: AccountDeps,
  actor: Actor,
  input: CreateAccount,
): Promise<Account> {
  assertMayChangeOwner(actor, null, input.ownerId ?? null);
  if (input.stage) assertMayChangeAccountStage(actor, input.ownerId ?? null);
  await assertTeamOwner(db, actor.teamId, input.ownerId);
  const row = await db.transaction(async (tx) => {
    await assertDomainFree(tx, actor.teamId, input.domain);
    const [inserted] = await tx
      .insert(accounts)
      .values({
        id: newId('acc', now.getTime()),
        teamId: actor.teamId,
        name: input.name,
        domain: input.domain ?? null,
        stage: input.stage ?? null,
        ownerId: input.ownerId ?? null,
        createdAt: now,
        updatedAt: now,
      })
      .returning();
    if (!inserted) throw new Error('insert returned no row');
    await recordActivity(tx, {
      teamId: actor.teamId,
      kind: 'account_created',
      actorId: actor.id,
      data: { accountId: inserted.id, name: inserted.name },
      at: now,
    });
    return inserted;
  });
  return toAccountDto(row);
}
