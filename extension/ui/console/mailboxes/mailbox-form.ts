import { z } from 'zod';
import { createMailboxSchema, type ProviderName } from '../../../../shared/schemas/mailbox';
import { aliasList, aliasProblems } from './mailbox-aliases';

export const PROVIDERS: Array<{ value: ProviderName; label: string; hint: string }> = [
  {
    value: 'gmail',
    label: 'Gmail / Google Workspace',
    hint: 'Sign in with Google; Stride sends through the Gmail API.',
  },
  {
    value: 'outlook',
    label: 'Outlook / Microsoft 365',
    hint: 'Sign in with Microsoft; Stride sends through Microsoft Graph.',
  },
  {
    value: 'smtp',
    label: 'Other (SMTP)',
    hint: 'Any provider that offers SMTP: Exchange, Yahoo, a custom server.',
  },
  { value: 'sendgrid', label: 'SendGrid', hint: 'Send through your SendGrid account with an API key.' },
  { value: 'mailgun', label: 'Mailgun', hint: 'Send through your Mailgun domain with an API key.' },
  {
    value: 'sandbox',
    label: 'Sandbox (testing)',
    hint: 'Nothing leaves the server: emails are written as files for testing.',
  },
];

export interface MailboxForm {
  provider: ProviderName;
  address: string;
  name: string;
  dailyLimit: string;
  hourlyLimit: string;
  signature: string;
  host: string;
  port: string;
  secure: boolean;
  user: string;
  password: string;
  accessToken: string;
  refreshToken: string;
  apiKey: string;
  domain: string;
  apiBaseUrl: string;
  /** SMTP mailboxes: read replies, out-of-office answers and bounces over IMAP (settings.imap). */
  imapOn: boolean;
  imapHost: string;
  imapPort: string;
  imapSecure: boolean;
  imapUser: string;
  imapPassword: string;
  /** Ramp-up (API.md "Pacing and calendars"): the console proposes it for new mailboxes. */
  rampUpOn: boolean;
  rampStart: string;
  rampIncrease: string;
  minGapSeconds: string;
  /** Empty: no cap per recipient domain. */
  recipientDomainDailyLimit: string;
  /** Other addresses the rep sends from (settings.aliases), one a line or comma-separated. */
  aliases: string;
}

/** The gap the console proposes: a minute between sends for real providers, none for the sandbox. */
export const proposedGap = (provider: ProviderName) => (provider === 'sandbox' ? '0' : '60');

/** The seeds recommend starting at 50 a day and 6 an hour to protect the sender's reputation. */
export const emptyMailboxForm = (provider: ProviderName = 'gmail'): MailboxForm => ({
  provider,
  address: '',
  name: '',
  dailyLimit: '50',
  hourlyLimit: '6',
  signature: '',
  host: '',
  port: '587',
  secure: false,
  user: '',
  password: '',
  accessToken: '',
  refreshToken: '',
  apiKey: '',
  domain: '',
  apiBaseUrl: '',
  imapOn: true,
  imapHost: '',
  imapPort: '993',
  imapSecure: true,
  imapUser: '',
  imapPassword: '',
  // New mailboxes warm up: 10 a day, 5 more each day, until the daily limit.
  rampUpOn: true,
  rampStart: '10',
  rampIncrease: '5',
  minGapSeconds: proposedGap(provider),
  recipientDomainDailyLimit: '',
  aliases: '',
});

/** settings.imap as API.md names it; an empty password is left out (the stored one is kept). */
export function imapOf(f: MailboxForm): Record<string, unknown> {
  return {
    host: f.imapHost.trim(),
    port: int(f.imapPort),
    secure: f.imapSecure,
    ...(optional(f.imapUser) ? { user: f.imapUser.trim() } : {}),
    ...(f.imapPassword ? { password: f.imapPassword } : {}),
  };
}

/** The pacing fields of a create or patch body. */
export function pacingOf(f: MailboxForm) {
  return {
    rampUp: f.rampUpOn ? { startPerDay: int(f.rampStart), increasePerDay: int(f.rampIncrease) } : null,
    minGapSeconds: f.minGapSeconds.trim() ? int(f.minGapSeconds) : 0,
    recipientDomainDailyLimit: f.recipientDomainDailyLimit.trim() ? int(f.recipientDomainDailyLimit) : null,
  };
}

const int = (s: string) => (/^\d+$/.test(s.trim()) ? Number(s.trim()) : Number.NaN);
const optional = (s: string) => (s.trim() ? s.trim() : undefined);

/** Provider settings as API.md names them, with the aliases when any; empty fields left out. */
export function settingsOf(f: MailboxForm): Record<string, unknown> | undefined {
  const aliases = aliasList(f.aliases);
  const own = providerSettingsOf(f);
  if (!aliases.length) return own;
  return { ...own, aliases };
}

function providerSettingsOf(f: MailboxForm): Record<string, unknown> | undefined {
  switch (f.provider) {
    case 'smtp':
      return {
        host: f.host.trim(),
        port: int(f.port),
        secure: f.secure,
        ...(optional(f.user) ? { user: f.user.trim() } : {}),
        ...(f.password ? { password: f.password } : {}),
        ...(f.imapOn ? { imap: imapOf(f) } : {}),
      };
    case 'gmail':
    case 'outlook':
      return {
        accessToken: f.accessToken.trim(),
        ...(optional(f.refreshToken) ? { refreshToken: f.refreshToken.trim() } : {}),
        ...(optional(f.apiBaseUrl) ? { apiBaseUrl: f.apiBaseUrl.trim() } : {}),
      };
    case 'sendgrid':
    case 'mailgun':
      return {
        apiKey: f.apiKey.trim(),
        ...(f.provider === 'mailgun' && optional(f.domain) ? { domain: f.domain.trim() } : {}),
        ...(optional(f.apiBaseUrl) ? { apiBaseUrl: f.apiBaseUrl.trim() } : {}),
      };
    case 'sandbox':
      return undefined;
  }
}

/** POST /api/mailboxes body. */
export function linkBody(f: MailboxForm) {
  const settings = settingsOf(f);
  return {
    provider: f.provider,
    address: f.address.trim(),
    ...(optional(f.name) ? { name: f.name.trim() } : {}),
    dailyLimit: int(f.dailyLimit),
    hourlyLimit: int(f.hourlyLimit),
    ...(f.signature.trim() ? { signature: f.signature } : {}),
    ...(settings ? { settings } : {}),
    ...pacingOf(f),
  };
}

const url = z.url({ protocol: /^https?$/ });

/** The IMAP fields' problems, keyed like the server's (`settings.imap.host`…). */
export function imapProblems(f: MailboxForm): Record<string, string> {
  const out: Record<string, string> = {};
  if (f.provider !== 'smtp' || !f.imapOn) return out;
  if (!f.imapHost.trim())
    out['settings.imap.host'] = 'Enter the IMAP server, like imap.example.com, or switch reading off.';
  else if (/\s|:\/\//.test(f.imapHost.trim()))
    out['settings.imap.host'] = 'Enter only the server name, without spaces or "imap://".';
  const port = int(f.imapPort);
  if (!(port >= 1 && port <= 65535))
    out['settings.imap.port'] = 'Use a port from 1 to 65535 (usually 993 with TLS, or 143).';
  return out;
}

/**
 * Problems keyed by the API's field paths (`address`, `settings.host`…), so the server's 400
 * details land on the same fields. The shared create schema checks address and limits; the
 * provider settings are checked here in the words a rep needs.
 */
export function mailboxFormProblems(f: MailboxForm, withSettings = true): Record<string, string> {
  const out: Record<string, string> = {};
  const parsed = createMailboxSchema.safeParse(linkBody(f));
  for (const issue of parsed.error?.issues ?? []) {
    const path = issue.path.join('.');
    if (out[path]) continue;
    if (path === 'address') out.address = 'Enter the full email address, like dana@acme.com.';
    else if (path === 'dailyLimit') out.dailyLimit = 'Use a whole number from 1 to 10,000.';
    else if (path === 'hourlyLimit') out.hourlyLimit = 'Use a whole number from 1 to 1,000.';
    else if (path.startsWith('rampUp.startPerDay')) out.rampStart = 'Use a whole number from 1 to 10,000.';
    else if (path.startsWith('rampUp.increasePerDay'))
      out.rampIncrease = 'Use a whole number from 0 to 10,000.';
    else if (path === 'minGapSeconds')
      out.minGapSeconds = 'Use a whole number of seconds from 0 to 86,400 (a day).';
    else if (path === 'recipientDomainDailyLimit')
      out.recipientDomainDailyLimit = 'Use a whole number from 1 to 10,000, or leave it empty for no cap.';
    else if (!path.startsWith('settings')) out[path] = issue.message;
  }
  if (!out.dailyLimit && !out.hourlyLimit && int(f.hourlyLimit) > int(f.dailyLimit)) {
    out.hourlyLimit = 'The hourly limit is above the daily limit, so it can never be reached.';
  }
  if (!withSettings) return out;
  Object.assign(out, aliasProblems(f.aliases));
  if (f.provider === 'smtp') {
    if (!f.host.trim()) out['settings.host'] = 'Enter the SMTP server, like smtp.example.com.';
    else if (/\s|:\/\//.test(f.host.trim()))
      out['settings.host'] = 'Enter only the server name, without spaces or "smtp://".';
    const port = int(f.port);
    if (!(port >= 1 && port <= 65535))
      out['settings.port'] = 'Use a port from 1 to 65535 (usually 587, or 465 with TLS).';
    Object.assign(out, imapProblems(f));
  }
  if ((f.provider === 'gmail' || f.provider === 'outlook') && !f.accessToken.trim()) {
    out['settings.accessToken'] = 'Paste an access token, or use the sign-in button above.';
  }
  if ((f.provider === 'sendgrid' || f.provider === 'mailgun') && !f.apiKey.trim()) {
    out['settings.apiKey'] = 'Paste the API key from your provider’s settings.';
  }
  if (optional(f.apiBaseUrl) && !url.safeParse(f.apiBaseUrl.trim()).success) {
    out['settings.apiBaseUrl'] = 'Enter a full http(s) address, or leave it empty for the provider’s own.';
  }
  return out;
}
