import { z } from 'zod';
import { createMailboxSchema, type ProviderName } from '../../../../shared/schemas/mailbox';

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
}

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
});

const int = (s: string) => (/^\d+$/.test(s.trim()) ? Number(s.trim()) : Number.NaN);
const optional = (s: string) => (s.trim() ? s.trim() : undefined);

/** Provider settings as API.md names them; empty fields left out. */
export function settingsOf(f: MailboxForm): Record<string, unknown> | undefined {
  switch (f.provider) {
    case 'smtp':
      return {
        host: f.host.trim(),
        port: int(f.port),
        secure: f.secure,
        ...(optional(f.user) ? { user: f.user.trim() } : {}),
        ...(f.password ? { password: f.password } : {}),
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
  };
}

const url = z.url({ protocol: /^https?$/ });

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
    else if (!path.startsWith('settings')) out[path] = issue.message;
  }
  if (!out.dailyLimit && !out.hourlyLimit && int(f.hourlyLimit) > int(f.dailyLimit)) {
    out.hourlyLimit = 'The hourly limit is above the daily limit, so it can never be reached.';
  }
  if (!withSettings) return out;
  if (f.provider === 'smtp') {
    if (!f.host.trim()) out['settings.host'] = 'Enter the SMTP server, like smtp.example.com.';
    else if (/\s|:\/\//.test(f.host.trim()))
      out['settings.host'] = 'Enter only the server name, without spaces or "smtp://".';
    const port = int(f.port);
    if (!(port >= 1 && port <= 65535))
      out['settings.port'] = 'Use a port from 1 to 65535 (usually 587, or 465 with TLS).';
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
