import { createPublicKey } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { z } from 'zod';
import type { ProviderName } from '../../../shared/schemas/mailbox';
import { mailboxSettingsSchemas } from '../../../shared/schemas/mailbox-settings';
import type { Db } from '../../db/client';
import { mailboxes } from '../../db/schema';
import type { MailboxForProvider } from '../../providers/create-provider';
import type { OAuthTokens } from '../../providers/oauth';
import type { FieldIssue } from '../field-issues';
import { zodIssues } from '../field-issues';
import { openJson, sealJson } from './secret-box';

export type MailboxSettings = Record<string, unknown>;

function usableEcdsaKey(key: string): boolean {
  try {
    const trimmed = key.trim();
    const k = trimmed.startsWith('-----BEGIN')
      ? createPublicKey(trimmed)
      : createPublicKey({ key: Buffer.from(trimmed, 'base64'), format: 'der', type: 'spki' });
    return k.asymmetricKeyType === 'ec';
  } catch {
    return false;
  }
}

/**
 * What a mailbox may store: the provider's own settings (shared/schemas/mailbox-settings.ts) plus the
 * webhook keys that only the webhook routes read. A webhook key that cannot verify anything is
 * refused here rather than discovered when every event starts failing with 401.
 */
export const mailboxSettingsInputSchemas = {
  ...mailboxSettingsSchemas,
  sendgrid: mailboxSettingsSchemas.sendgrid.extend({
    webhookPublicKey: z
      .string()
      .max(4000)
      .refine(
        usableEcdsaKey,
        'must be the Event Webhook verification key (base64 DER or PEM ECDSA public key)',
      )
      .optional(),
  }),
} satisfies Record<ProviderName, z.ZodType>;

export type SettingsCheck = { ok: true; settings: MailboxSettings } | { ok: false; issues: FieldIssue[] };

export function checkMailboxSettings(provider: ProviderName, settings: unknown): SettingsCheck {
  const parsed = mailboxSettingsInputSchemas[provider].safeParse(settings ?? {});
  if (parsed.success) return { ok: true, settings: parsed.data as MailboxSettings };
  return { ok: false, issues: zodIssues(parsed.error).map((i) => ({ ...i, path: `settings.${i.path}` })) };
}

/** JSON merge patch (RFC 7396) one level deep: given keys replace, `null` removes a key. */
const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

export function mergeSettings(current: MailboxSettings, patch: Record<string, unknown>): MailboxSettings {
  const out: MailboxSettings = { ...current };
  for (const [k, v] of Object.entries(patch)) {
    if (v === null) delete out[k];
    else if (k === 'imap' && isPlainObject(v) && isPlainObject(out.imap)) {
      // settings.imap is merged one level down too, so changing its host keeps the stored password.
      out.imap = mergeSettings(out.imap as MailboxSettings, v);
    } else out[k] = v;
  }
  return out;
}

/** A mailbox with nothing to keep stores null, so `hasCredentials` is simply "something is sealed". */
export function sealSettings(secretKey: Buffer, settings: MailboxSettings): string | null {
  return Object.keys(settings).length === 0 ? null : sealJson(secretKey, settings);
}

/** Decrypted settings of a mailbox row, for createProvider (the scheduler) and the webhook routes. */
export function mailboxProviderSettings(
  secretKey: Buffer,
  row: { settingsEncrypted: string | null },
): MailboxSettings {
  if (!row.settingsEncrypted) return {};
  const value = openJson<unknown>(secretKey, row.settingsEncrypted);
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as MailboxSettings)
    : {};
}

export function providerMailbox(
  secretKey: Buffer,
  row: { provider: ProviderName; address: string; settingsEncrypted: string | null },
): MailboxForProvider {
  return { provider: row.provider, address: row.address, settings: mailboxProviderSettings(secretKey, row) };
}

const str = (v: unknown): string | undefined => (typeof v === 'string' && v ? v : undefined);

/**
 * What the API may say about stored settings: where mail goes and whether pieces are present, never
 * a password, key or token. Listed per provider so a new secret field cannot leak by default.
 */
export function settingsHints(
  provider: ProviderName,
  s: MailboxSettings,
): Record<string, string | number | boolean> {
  const hints: Record<string, string | number | boolean | undefined> = {};
  switch (provider) {
    case 'smtp':
      hints.host = str(s.host);
      hints.port = typeof s.port === 'number' ? s.port : undefined;
      hints.secure = typeof s.secure === 'boolean' ? s.secure : undefined;
      hints.hasPassword = str(s.password) !== undefined;
      if (typeof s.imap === 'object' && s.imap !== null) {
        const imap = s.imap as Record<string, unknown>;
        hints.imapHost = str(imap.host);
        hints.imapPort = typeof imap.port === 'number' ? imap.port : undefined;
        hints.imapSecure = typeof imap.secure === 'boolean' ? imap.secure : undefined;
        hints.imapUser = str(imap.user);
        hints.imapHasPassword = str(imap.password) !== undefined;
      }
      break;
    case 'gmail':
    case 'outlook':
      hints.apiBaseUrl = str(s.apiBaseUrl);
      hints.hasRefreshToken = str(s.refreshToken) !== undefined;
      break;
    case 'sendgrid':
      hints.apiBaseUrl = str(s.apiBaseUrl);
      hints.webhookConfigured = str(s.webhookPublicKey) !== undefined;
      break;
    case 'mailgun':
      hints.apiBaseUrl = str(s.apiBaseUrl);
      hints.domain = str(s.domain);
      hints.webhookConfigured = str(s.webhookSigningKey) !== undefined;
      break;
    case 'sandbox':
      break;
  }
  return Object.fromEntries(Object.entries(hints).filter(([, v]) => v !== undefined)) as Record<
    string,
    string | number | boolean
  >;
}

/**
 * For createProvider's `onTokens`: stores a refreshed access token (and a rotated refresh token) on
 * the mailbox. Read-modify-write under a row lock, so two workers refreshing at once cannot lose
 * Microsoft's rotated refresh token to a stale copy.
 */
export async function storeRefreshedTokens(
  db: Db,
  secretKey: Buffer,
  mailboxId: string,
  tokens: OAuthTokens,
  now: Date,
): Promise<void> {
  await db.transaction(async (tx) => {
    const [row] = await tx
      .select({ settingsEncrypted: mailboxes.settingsEncrypted })
      .from(mailboxes)
      .where(eq(mailboxes.id, mailboxId))
      .for('update');
    if (!row) return;
    const next = mergeSettings(mailboxProviderSettings(secretKey, row), {
      accessToken: tokens.accessToken,
      ...(tokens.refreshToken && { refreshToken: tokens.refreshToken }),
      accessTokenExpiresAt: tokens.expiresAt?.toISOString() ?? null,
    });
    await tx
      .update(mailboxes)
      .set({ settingsEncrypted: sealSettings(secretKey, next), updatedAt: now })
      .where(eq(mailboxes.id, mailboxId));
  });
}
