import { and, eq, inArray, sql } from 'drizzle-orm';
import type { TransferResult } from '../../../shared/schemas/user';
import type { Tx } from '../../db/client';
import {
  accounts,
  contacts,
  enrollments,
  lists,
  mailboxes,
  mailboxShares,
  sequenceShares,
  sequences,
  snippets,
  tasks,
  users,
} from '../../db/schema';
import { recordActivity } from '../activity';
import { type Actor, isAdmin } from '../actor';
import { forbidden, invalid, notFound } from '../errors';
import type { UserDeps } from './user-deps';
import { wakeOwnerInactiveEmails } from './wake-emails';

/** Activity kinds: one per moved contact (its history says who moved it), one for the whole transfer. */
export const CONTACT_TRANSFERRED_ACTIVITY = 'contact.owner_transferred';
export const USER_TRANSFERRED_ACTIVITY = 'user.transferred';

/** Enrollments still to send: their acting user moves; finished ones keep who ran them, as history. */
const LIVE_ENROLLMENT = ['active', 'scheduled', 'paused', 'not_sent'] as const;

async function loadPair(tx: Tx, actor: Actor, fromId: string, toId: string) {
  const rows = await tx
    .select({ id: users.id, active: users.active })
    .from(users)
    .where(and(eq(users.teamId, actor.teamId), inArray(users.id, [fromId, toId])))
    .orderBy(users.id)
    .for('update');
  const from = rows.find((r) => r.id === fromId);
  const to = rows.find((r) => r.id === toId);
  if (!from) throw notFound('user');
  if (!to) {
    throw invalid(
      'no such user in your team',
      [{ path: 'toUserId', message: 'unknown user' }],
      'validation_failed',
    );
  }
  if (!to.active) {
    throw invalid(
      'the receiving user is deactivated',
      [{ path: 'toUserId', message: 'reactivate this user first, or pick an active one' }],
      'validation_failed',
    );
  }
}

/**
 * Access that was `from`'s through shares becomes `to`'s (so the enrollments that move keep working
 * with the mailboxes they were made with), and `to` drops shares of what it now owns outright.
 */
async function moveShares(
  tx: Tx,
  fromId: string,
  toId: string,
  movedMailboxes: string[],
  movedSequences: string[],
) {
  await tx.execute(sql`
    insert into ${mailboxShares} (mailbox_id, user_id)
    select s.mailbox_id, ${toId} from ${mailboxShares} s
    join ${mailboxes} m on m.id = s.mailbox_id
    where s.user_id = ${fromId} and m.user_id <> ${toId}
    on conflict do nothing`);
  await tx.delete(mailboxShares).where(eq(mailboxShares.userId, fromId));
  if (movedMailboxes.length) {
    await tx
      .delete(mailboxShares)
      .where(and(eq(mailboxShares.userId, toId), inArray(mailboxShares.mailboxId, movedMailboxes)));
  }
  // A share that meets an existing one keeps the wider access.
  await tx.execute(sql`
    insert into ${sequenceShares} (sequence_id, user_id, access)
    select s.sequence_id, ${toId}, s.access from ${sequenceShares} s
    join ${sequences} q on q.id = s.sequence_id
    where s.user_id = ${fromId} and q.owner_id <> ${toId}
    on conflict (sequence_id, user_id) do update set access =
      case when excluded.access = 'edit' then 'edit' else ${sequenceShares}.access end`);
  await tx.delete(sequenceShares).where(eq(sequenceShares.userId, fromId));
  if (movedSequences.length) {
    await tx
      .delete(sequenceShares)
      .where(and(eq(sequenceShares.userId, toId), inArray(sequenceShares.sequenceId, movedSequences)));
  }
}

/**
 * One call hands everything a user owns to a colleague: contacts, accounts, lists, snippets,
 * sequences, mailboxes (with the shares that went with them), open tasks and the live enrollments they
 * send as. Nothing is deleted: history rows stay as they were, and each moved contact gets an
 * activity naming the admin, the old and the new owner. Mailboxes move as they are, address and
 * credentials included, so scheduled emails keep going out from the same address under the new
 * owner, who may re-link or deactivate them. Emails that waited for an active owner go out again.
 * Works for active users too (a change of territory); the receiver must be active.
 */
export async function transferUser(
  { db, now }: UserDeps,
  actor: Actor,
  fromId: string,
  input: { toUserId: string },
): Promise<TransferResult> {
  if (!isAdmin(actor)) throw forbidden('only an admin can transfer a user’s work');
  const toId = input.toUserId;
  if (toId === fromId) {
    throw invalid(
      'a user cannot be transferred to themselves',
      [{ path: 'toUserId', message: 'pick another user' }],
      'validation_failed',
    );
  }
  return db.transaction(async (tx) => {
    await loadPair(tx, actor, fromId, toId);
    const team = actor.teamId;
    const touched = { updatedAt: now };

    const movedContacts = await tx
      .update(contacts)
      .set({ ownerId: toId, ...touched })
      .where(and(eq(contacts.teamId, team), eq(contacts.ownerId, fromId)))
      .returning({ id: contacts.id });
    const movedAccounts = await tx
      .update(accounts)
      .set({ ownerId: toId, ...touched })
      .where(and(eq(accounts.teamId, team), eq(accounts.ownerId, fromId)))
      .returning({ id: accounts.id });
    const movedLists = await tx
      .update(lists)
      .set({ ownerId: toId })
      .where(and(eq(lists.teamId, team), eq(lists.ownerId, fromId)))
      .returning({ id: lists.id });
    const movedSnippets = await tx
      .update(snippets)
      .set({ ownerId: toId, updatedAt: now })
      .where(and(eq(snippets.teamId, team), eq(snippets.ownerId, fromId)))
      .returning({ id: snippets.id });
    const movedSequences = await tx
      .update(sequences)
      .set({ ownerId: toId, ...touched })
      .where(and(eq(sequences.teamId, team), eq(sequences.ownerId, fromId)))
      .returning({ id: sequences.id });
    const movedMailboxes = await tx
      .update(mailboxes)
      .set({ userId: toId, updatedAt: now })
      .where(and(eq(mailboxes.teamId, team), eq(mailboxes.userId, fromId)))
      .returning({ id: mailboxes.id });
    await moveShares(
      tx,
      fromId,
      toId,
      movedMailboxes.map((m) => m.id),
      movedSequences.map((s) => s.id),
    );
    const movedTasks = await tx
      .update(tasks)
      .set({ ownerId: toId, ...touched })
      .where(and(eq(tasks.teamId, team), eq(tasks.ownerId, fromId), eq(tasks.status, 'open')))
      .returning({ id: tasks.id });
    const movedEnrollments = await tx
      .update(enrollments)
      .set({ userId: toId, ...touched })
      .where(
        and(
          eq(enrollments.teamId, team),
          eq(enrollments.userId, fromId),
          inArray(enrollments.status, [...LIVE_ENROLLMENT]),
        ),
      )
      .returning({ id: enrollments.id });
    const resumedEmails = await wakeOwnerInactiveEmails(tx, team, now);

    const moved = {
      contacts: movedContacts.length,
      accounts: movedAccounts.length,
      sequences: movedSequences.length,
      mailboxes: movedMailboxes.length,
      lists: movedLists.length,
      snippets: movedSnippets.length,
      tasks: movedTasks.length,
      enrollments: movedEnrollments.length,
      resumedEmails,
    };
    const by = { fromUserId: fromId, toUserId: toId };
    await recordActivity(tx, [
      { teamId: team, kind: USER_TRANSFERRED_ACTIVITY, actorId: actor.id, data: { ...by, moved }, at: now },
      ...movedContacts.map((c) => ({
        teamId: team,
        kind: CONTACT_TRANSFERRED_ACTIVITY,
        contactId: c.id,
        actorId: actor.id,
        data: by,
        at: now,
      })),
    ]);
    return { ...by, moved };
  });
}
