import { and, count, eq, sql } from 'drizzle-orm';
import { localDateIn } from '../../../shared/schedule/local-date';
import type { ProviderName } from '../../../shared/schemas/mailbox';
import type { Db } from '../../db/client';
import { newId } from '../../db/ids';
import { emails, enrollments, mailboxes, users } from '../../db/schema';
import { recordActivity } from '../activity';
import type { Actor } from '../actor';
import { isUniqueViolation } from '../contacts/team-refs';
import { conflict, invalid, notFound } from '../errors';
import { sanitizeEmailHtml } from '../html/email-html';
import type { MailboxRow } from './mailbox-dto';
import {
  checkMailboxSettings,
  type MailboxSettings,
  mailboxProviderSettings,
  mergeSettings,
  sealSettings,
} from './mailbox-settings';
import { approveProviderHosts } from './provider-hosts';

/** Seed 003: "you can connect up to 15 mailboxes per user". */
export const MAX_MAILBOXES_PER_USER = 15;
/** Seed 003: "starting with conservative sending limits, such as 50 emails per day and 6 per hour". */
export const DEFAULT_DAILY_LIMIT = 50;
export const DEFAULT_HOURLY_LIMIT = 6;
export const NOT_CONNECTED_REASON = 'not connected: add credentials (PATCH settings) or link it with OAuth';

export interface MailboxFields {
  name?: string | undefined;
  dailyLimit?: number | undefined;
  hourlyLimit?: number | undefined;
  signature?: string | undefined;
  meetingLink?: string | null | undefined;
  unsubscribeEnabled?: boolean | undefined;
  openTracking?: boolean | undefined;
  rampUp?: { startPerDay: number; increasePerDay: number } | null | undefined;
  minGapSeconds?: number | undefined;
  recipientDomainDailyLimit?: number | null | undefined;
  timezone?: string | undefined;
}

/**
 * The stored ramp-up: day 0 is the local date (owner's zone) it is switched on. Changing its numbers
 * while it runs keeps day 0, so a mailbox half-way through warm-up does not start over.
 */
function rampUpColumn(
  input: MailboxFields['rampUp'],
  current: MailboxRow['rampUp'],
  zone: string | null,
  now: Date,
): MailboxRow['rampUp'] | undefined {
  if (input === undefined) return undefined;
  if (input === null) return null;
  return { ...input, startedOn: current?.startedOn ?? localDateIn(zone, now) };
}

export interface CreateMailboxInput extends MailboxFields {
  provider: ProviderName;
  address: string;
  settings?: Record<string, unknown> | undefined;
}

interface WriteContext {
  user: Actor;
  secretKey: Buffer;
  now: Date;
  /** STRIDE_ALLOW_PRIVATE_PROVIDER_HOSTS: admins may then point mailboxes at internal hosts. */
  allowInternalHosts?: boolean | undefined;
}

/** Admins reach every mailbox of the team; reps only their own. Anything else is a 404. */
export async function loadMailboxFor(db: Db, user: Actor, id: string): Promise<MailboxRow> {
  const [row] = await db
    .select()
    .from(mailboxes)
    .where(and(eq(mailboxes.id, id), eq(mailboxes.teamId, user.teamId)));
  if (!row || (user.role !== 'admin' && row.userId !== user.id)) throw notFound('mailbox');
  return row;
}

/** The column copy of `settings.aliases` (validated by then), lower-cased and deduplicated. */
function aliasesOf(settings: MailboxSettings): string[] | null {
  const list = Array.isArray(settings.aliases) ? (settings.aliases as string[]) : [];
  return list.length === 0 ? null : [...new Set(list.map((a) => a.toLowerCase()))];
}

function validSettings(provider: ProviderName, settings: unknown): MailboxSettings {
  const checked = checkMailboxSettings(provider, settings);
  if (!checked.ok) {
    throw invalid(
      `${provider} settings are not valid: ${checked.issues.map((i) => i.path).join(', ')}`,
      checked.issues,
    );
  }
  return checked.settings;
}

function checkLimits(daily: number, hourly: number): void {
  if (hourly > daily) {
    throw invalid('hourlyLimit cannot be above dailyLimit', [
      { path: 'hourlyLimit', message: `must be at most dailyLimit (${daily})` },
    ]);
  }
}

const duplicate = (clash: { id: string; userId: string } | undefined, user: Actor) =>
  conflict(
    'this address is already linked as a mailbox in your team; unlink it there first',
    clash && (user.role === 'admin' || clash.userId === user.id) ? { mailboxId: clash.id } : undefined,
  );

/**
 * Links a mailbox for `user`. Without settings, a provider that needs credentials is created
 * inactive ("not connected") rather than refused: API.md makes settings optional, and the mailbox
 * is then visible and waiting for its OAuth link or PATCH.
 */
export async function insertMailbox(
  db: Db,
  input: CreateMailboxInput,
  ctx: WriteContext,
): Promise<MailboxRow> {
  const settings = input.settings === undefined ? {} : validSettings(input.provider, input.settings);
  const approvedBy =
    input.settings === undefined
      ? null
      : approveProviderHosts(input.provider, settings, ctx.user, ctx.allowInternalHosts ?? false);
  const connected = input.settings !== undefined || checkMailboxSettings(input.provider, {}).ok;
  const dailyLimit = input.dailyLimit ?? DEFAULT_DAILY_LIMIT;
  const hourlyLimit = input.hourlyLimit ?? Math.min(DEFAULT_HOURLY_LIMIT, dailyLimit);
  checkLimits(dailyLimit, hourlyLimit);
  const address = input.address.trim();
  try {
    return await db.transaction(async (tx) => {
      // The owner's row lock serialises this user's concurrent creates, so the cap cannot be overrun.
      await tx.select({ id: users.id }).from(users).where(eq(users.id, ctx.user.id)).for('update');
      const [clash] = await tx
        .select({ id: mailboxes.id, userId: mailboxes.userId })
        .from(mailboxes)
        .where(
          and(
            eq(mailboxes.teamId, ctx.user.teamId),
            sql`lower(${mailboxes.address}) = ${address.toLowerCase()}`,
          ),
        );
      if (clash) throw duplicate(clash, ctx.user);
      const [owned] = await tx
        .select({ n: count() })
        .from(mailboxes)
        .where(eq(mailboxes.userId, ctx.user.id));
      if ((owned?.n ?? 0) >= MAX_MAILBOXES_PER_USER) {
        throw conflict(
          `a user can link at most ${MAX_MAILBOXES_PER_USER} mailboxes; unlink one before adding another`,
          undefined,
          'mailbox_limit_reached',
        );
      }
      const [row] = await tx
        .insert(mailboxes)
        .values({
          id: newId('mbx', ctx.now.getTime()),
          teamId: ctx.user.teamId,
          userId: ctx.user.id,
          provider: input.provider,
          address,
          name: input.name ?? null,
          dailyLimit,
          hourlyLimit,
          signature: input.signature == null ? null : sanitizeEmailHtml(input.signature),
          meetingLink: input.meetingLink ?? null,
          settingsEncrypted: sealSettings(ctx.secretKey, settings),
          aliases: aliasesOf(settings),
          internalHostsApprovedBy: approvedBy,
          status: connected ? 'active' : 'inactive',
          inactiveReason: connected ? null : NOT_CONNECTED_REASON,
          unsubscribeEnabled: input.unsubscribeEnabled ?? true,
          openTracking: input.openTracking ?? false,
          timezone: input.timezone ?? null,
          rampUp: rampUpColumn(input.rampUp, null, input.timezone ?? null, ctx.now) ?? null,
          minGapSeconds: input.minGapSeconds ?? 0,
          recipientDomainDailyLimit: input.recipientDomainDailyLimit ?? null,
          createdAt: ctx.now,
          updatedAt: ctx.now,
        })
        .returning();
      if (!row) throw new Error('mailbox insert returned no row');
      await recordActivity(tx, {
        teamId: row.teamId,
        kind: 'mailbox.linked',
        actorId: ctx.user.id,
        data: { mailboxId: row.id, provider: row.provider, address: row.address },
        at: ctx.now,
      });
      return row;
    });
  } catch (err) {
    // Two creates of one address racing past the check: the unique index decides.
    if (isUniqueViolation(err)) throw duplicate(undefined, ctx.user);
    throw err;
  }
}

export interface UpdateMailboxInput extends MailboxFields {
  /** Merge patch over the stored settings; `null` removes a key. Giving settings reconnects. */
  settings?: Record<string, unknown> | undefined;
}

/**
 * Changes fields and, when settings are given, re-seals them. New credentials are what an inactive
 * mailbox was waiting for, so they also reconnect it (status active, reason cleared). `reconnect`
 * without settings re-activates on the stored ones, if they still validate.
 */
export async function updateMailbox(
  db: Db,
  id: string,
  input: UpdateMailboxInput,
  ctx: WriteContext & { reconnect?: boolean },
): Promise<MailboxRow> {
  return db.transaction(async (tx) => {
    // Locked so a token refresh stored meanwhile is merged, not overwritten with the old copy.
    const [row] = await tx.select().from(mailboxes).where(eq(mailboxes.id, id)).for('update');
    if (!row) throw notFound('mailbox');
    const dailyLimit = input.dailyLimit ?? row.dailyLimit;
    const hourlyLimit = input.hourlyLimit ?? row.hourlyLimit;
    checkLimits(dailyLimit, hourlyLimit);
    let sealed: string | null | undefined;
    let aliases: string[] | null = null;
    let approvedBy: string | null | undefined;
    if (input.settings !== undefined) {
      let current: MailboxSettings = {};
      try {
        current = mailboxProviderSettings(ctx.secretKey, row);
      } catch {
        // Unreadable (key changed): the new settings must stand on their own.
      }
      const merged = validSettings(row.provider, mergeSettings(current, input.settings));
      // New settings are judged on their own: an earlier admin approval does not cover a rep's change.
      approvedBy = approveProviderHosts(row.provider, merged, ctx.user, ctx.allowInternalHosts ?? false);
      sealed = sealSettings(ctx.secretKey, merged);
      aliases = aliasesOf(merged);
    } else if (ctx.reconnect) {
      let current: MailboxSettings;
      try {
        current = mailboxProviderSettings(ctx.secretKey, row);
      } catch {
        throw invalid('the stored credentials cannot be read any more: send new settings to reconnect');
      }
      const checked = checkMailboxSettings(row.provider, current);
      if (!checked.ok) {
        throw invalid('the stored credentials are incomplete: send settings to reconnect', checked.issues);
      }
    }
    const reconnecting = (sealed !== undefined || ctx.reconnect === true) && row.status === 'inactive';
    const [updated] = await tx
      .update(mailboxes)
      .set({
        ...(input.name !== undefined && { name: input.name }),
        dailyLimit,
        hourlyLimit,
        ...(input.signature !== undefined && { signature: sanitizeEmailHtml(input.signature) }),
        ...(input.meetingLink !== undefined && { meetingLink: input.meetingLink }),
        ...(input.unsubscribeEnabled !== undefined && { unsubscribeEnabled: input.unsubscribeEnabled }),
        ...(input.openTracking !== undefined && { openTracking: input.openTracking }),
        ...(input.timezone !== undefined && { timezone: input.timezone }),
        ...(input.rampUp !== undefined && {
          rampUp: rampUpColumn(input.rampUp, row.rampUp, input.timezone ?? row.timezone, ctx.now),
        }),
        ...(input.minGapSeconds !== undefined && { minGapSeconds: input.minGapSeconds }),
        ...(input.recipientDomainDailyLimit !== undefined && {
          recipientDomainDailyLimit: input.recipientDomainDailyLimit,
        }),
        ...(sealed !== undefined && {
          settingsEncrypted: sealed,
          aliases,
          internalHostsApprovedBy: approvedBy ?? null,
        }),
        ...(reconnecting && { status: 'active' as const, inactiveReason: null }),
        updatedAt: ctx.now,
      })
      .where(eq(mailboxes.id, id))
      .returning();
    if (!updated) throw notFound('mailbox');
    if (reconnecting) {
      await recordActivity(tx, {
        teamId: row.teamId,
        kind: 'mailbox.reconnected',
        actorId: ctx.user.id,
        data: { mailboxId: row.id, previousReason: row.inactiveReason },
        at: ctx.now,
      });
    }
    return updated;
  });
}

/**
 * Unlinks a mailbox. Enrollments rotating through it keep going on their other mailboxes (one left
 * with none holds its next email as no_send_from_mailbox, visible and fixable). Its past emails
 * stay, detached from it (the activity log keeps which mailbox sent them). While an email is
 * being handed to the provider through it, the answer is 409: try again in a moment.
 */
export async function unlinkMailboxRow(db: Db, row: MailboxRow, ctx: Omit<WriteContext, 'secretKey'>) {
  return db.transaction(async (tx) => {
    // The scheduler locks mailbox rows while claiming, so no new claim can start past this point.
    await tx.select({ id: mailboxes.id }).from(mailboxes).where(eq(mailboxes.id, row.id)).for('update');
    const [busy] = await tx
      .select({ id: emails.id })
      .from(emails)
      .where(and(eq(emails.mailboxId, row.id), eq(emails.status, 'sending')))
      .limit(1);
    if (busy) {
      throw conflict(
        'an email is being sent through this mailbox right now; try again shortly',
        undefined,
        'mailbox_busy',
      );
    }
    const rotated = await tx
      .update(enrollments)
      .set({
        mailboxIds: sql`${enrollments.mailboxIds} - ${row.id}::text`,
        updatedAt: ctx.now,
      })
      .where(
        and(
          eq(enrollments.teamId, row.teamId),
          sql`${enrollments.mailboxIds} @> ${JSON.stringify([row.id])}::jsonb`,
        ),
      )
      .returning({ id: enrollments.id });
    const detached = await tx
      .update(emails)
      .set({ mailboxId: null, updatedAt: ctx.now })
      .where(eq(emails.mailboxId, row.id))
      .returning({ id: emails.id });
    await tx.delete(mailboxes).where(eq(mailboxes.id, row.id));
    await recordActivity(tx, {
      teamId: row.teamId,
      kind: 'mailbox.unlinked',
      actorId: ctx.user.id,
      data: {
        mailboxId: row.id,
        address: row.address,
        enrollmentsUpdated: rotated.length,
        emailsDetached: detached.length,
      },
      at: ctx.now,
    });
    return { enrollmentsUpdated: rotated.length, emailsDetached: detached.length };
  });
}
