import { effectiveDailyLimit } from '../../../shared/schedule/pacing';
import type { MailboxDto, MailboxSync } from '../../../shared/schemas/mailbox';
import type { mailboxes, mailboxSync } from '../../db/schema';
import { type MailboxSettings, mailboxProviderSettings, settingsHints } from './mailbox-settings';

export type MailboxRow = typeof mailboxes.$inferSelect;
export type MailboxSyncRow = typeof mailboxSync.$inferSelect;

/** Whether the sync worker can read this mailbox at all. */
export function isReadable(row: Pick<MailboxRow, 'provider'>, settings: MailboxSettings): boolean {
  if (row.provider === 'gmail' || row.provider === 'outlook') return true;
  return row.provider === 'smtp' && typeof settings.imap === 'object' && settings.imap !== null;
}

export function syncView(readable: boolean, sync: MailboxSyncRow | undefined, now: Date): MailboxSync {
  if (!readable) return { state: 'off' };
  if (!sync) return { state: 'syncing' };
  const last = sync.lastSyncedAt ? { lastSyncedAt: sync.lastSyncedAt.toISOString() } : {};
  if (sync.leaseUntil && sync.leaseUntil > now) return { state: 'syncing', ...last };
  if (sync.lastError) return { state: 'error', ...last, error: sync.lastError };
  if (!sync.lastSyncedAt) return { state: 'syncing' };
  return { state: 'ok', ...last };
}

export { type MailboxDto, mailboxDtoSchema } from '../../../shared/schemas/mailbox';

export function webhookUrlFor(
  publicUrl: string,
  row: Pick<MailboxRow, 'id' | 'provider'>,
): string | undefined {
  if (row.provider !== 'sendgrid' && row.provider !== 'mailgun') return undefined;
  return `${publicUrl.replace(/\/$/, '')}/api/webhooks/${row.provider}/${row.id}`;
}

export function toMailboxDto(
  row: MailboxRow,
  config: { secretKey: Buffer; publicUrl: string },
  now: Date = new Date(),
  syncRow?: MailboxSyncRow,
): MailboxDto {
  let hints: MailboxDto['settingsHints'] = {};
  let readable = row.provider === 'gmail' || row.provider === 'outlook';
  try {
    const settings = mailboxProviderSettings(config.secretKey, row);
    hints = settingsHints(row.provider, settings);
    readable = isReadable(row, settings);
  } catch {
    // Sealed under another key (STRIDE_SECRET_KEY changed): the mailbox still lists; sending will
    // fail and mark it inactive, and reconnecting stores fresh settings.
  }
  const webhookUrl = webhookUrlFor(config.publicUrl, row);
  const today = effectiveDailyLimit(row.dailyLimit, row.rampUp, row.timezone, now);
  return {
    id: row.id,
    provider: row.provider,
    address: row.address,
    name: row.name,
    userId: row.userId,
    dailyLimit: row.dailyLimit,
    hourlyLimit: row.hourlyLimit,
    signature: row.signature,
    meetingLink: row.meetingLink,
    status: row.status,
    ...(row.inactiveReason && { inactiveReason: row.inactiveReason }),
    unsubscribeEnabled: row.unsubscribeEnabled,
    openTracking: row.openTracking,
    hasCredentials: row.settingsEncrypted !== null,
    settingsHints: hints,
    ...(webhookUrl && { webhookUrl }),
    sync: syncView(readable, syncRow, now),
    aliases: row.aliases ?? [],
    ...(syncRow && { learnedAliases: syncRow.aliases ?? [] }),
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    rampUp: row.rampUp,
    minGapSeconds: row.minGapSeconds,
    recipientDomainDailyLimit: row.recipientDomainDailyLimit,
    timezone: row.timezone ?? 'UTC',
    effectiveDailyLimit: today.limit,
    ...(today.reachesLimitOn && { rampUpReachesLimitOn: today.reachesLimitOn }),
    ...(row.nextSendAt && row.nextSendAt > now && { nextSendAt: row.nextSendAt.toISOString() }),
  };
}
