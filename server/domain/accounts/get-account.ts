import type { Account } from '../../../shared/schemas/contact';
import type { Db } from '../../db/client';
import type { Actor } from '../actor';
import { toAccountDto } from '../contacts/contact-dto';
import { loadAccount } from './account-rows';

export async function getAccount({ db }: { db: Db }, actor: Actor, id: string): Promise<Account> {
  return toAccountDto(await loadAccount(db, actor, id));
}
