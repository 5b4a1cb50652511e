import type { MailboxDto } from '../../../shared/schemas/mailbox';
import type { mailboxes } from '../../db/schema';
import { mailboxProviderSettings, settingsHints } from './mailbox-settings';

export type MailboxRow = typeof mailboxes.$inferSelect;

export { type MailboxDto, mailboxDtoSchema } from '../../../shared/schemas/mailbox';

export function webhookUrlFor(
  publicUrl: string,
  row: Pick<MailboxRow, 'id' | 'provider'>,
): string | undefined {
  if (row.provider !== 'sendgrid' && row.provider !== 'mailgun') return undefined;
  return `${publicUrl.replace(/\/$/, '')}/api/webhooks/${row.provider}/${row.id}`;
}

export function toMailboxDto(row: MailboxRow, config: { secretKey: Buffer; publicUrl: string }): MailboxDto {
  let hints: MailboxDto['settingsHints'] = {};
  try {
    hints = settingsHints(row.provider, mailboxProviderSettings(config.secretKey, row));
  } catch {
    // Sealed under another key (STRIDE_SECRET_KEY changed): the mailbox still lists; sending will
    // fail and mark it inactive, and reconnecting stores fresh settings.
  }
  const webhookUrl = webhookUrlFor(config.publicUrl, row);
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
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}
