import { z } from 'zod';
import { mailboxSchema } from '../../../shared/schemas/mailbox';
import type { mailboxes } from '../../db/schema';
import { mailboxProviderSettings, settingsHints } from './mailbox-settings';

export type MailboxRow = typeof mailboxes.$inferSelect;

/** API.md's Mailbox plus what the settings page needs; never any credential. */
export const mailboxDtoSchema = mailboxSchema.extend({
  unsubscribeEnabled: z.boolean(),
  openTracking: z.boolean(),
  /** Something is stored to send with (tokens, password, API key); the values never leave the server. */
  hasCredentials: z.boolean(),
  /** Non-secret parts of the settings: SMTP host/port, apiBaseUrl, Mailgun domain, which keys are set. */
  settingsHints: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])),
  /** Where to point the provider's event webhook (sendgrid and mailgun only). */
  webhookUrl: z.string().optional(),
  updatedAt: z.string(),
});
export type MailboxDto = z.infer<typeof mailboxDtoSchema>;

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
