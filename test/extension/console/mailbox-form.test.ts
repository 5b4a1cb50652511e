import { describe, expect, it } from 'vitest';
import {
  emptyMailboxForm,
  linkBody,
  mailboxFormProblems,
} from '../../../extension/ui/console/mailboxes/mailbox-form';

describe('mailbox form', () => {
  it('checks the SMTP settings and the limits before anything is sent', () => {
    const form = {
      ...emptyMailboxForm('smtp'),
      address: 'dana@',
      host: 'smtp://mail.acme.test',
      port: '70000',
      hourlyLimit: '80',
      imapOn: false,
    };
    expect(mailboxFormProblems(form)).toEqual({
      address: 'Enter the full email address, like dana@acme.com.',
      hourlyLimit: 'The hourly limit is above the daily limit, so it can never be reached.',
      'settings.host': 'Enter only the server name, without spaces or "smtp://".',
      'settings.port': 'Use a port from 1 to 65535 (usually 587, or 465 with TLS).',
    });
  });

  it('builds the API body with provider settings, leaving empty optional fields out', () => {
    const form = {
      ...emptyMailboxForm('smtp'),
      address: ' dana@acme.test ',
      host: 'smtp.acme.test',
      port: '465',
      secure: true,
      user: 'dana',
      password: 'app-password',
      imapOn: false,
    };
    expect(mailboxFormProblems(form)).toEqual({});
    expect(linkBody(form)).toEqual({
      provider: 'smtp',
      address: 'dana@acme.test',
      dailyLimit: 50,
      hourlyLimit: 6,
      settings: { host: 'smtp.acme.test', port: 465, secure: true, user: 'dana', password: 'app-password' },
      // The console's pacing proposals for a new mailbox.
      rampUp: { startPerDay: 10, increasePerDay: 5 },
      minGapSeconds: 60,
      recipientDomainDailyLimit: null,
    });
    expect(linkBody({ ...emptyMailboxForm('sandbox'), address: 'qa@acme.test' })).toEqual({
      provider: 'sandbox',
      address: 'qa@acme.test',
      dailyLimit: 50,
      hourlyLimit: 6,
      rampUp: { startPerDay: 10, increasePerDay: 5 },
      minGapSeconds: 0,
      recipientDomainDailyLimit: null,
    });
  });

  it('asks for the API key or token each provider needs', () => {
    expect(mailboxFormProblems({ ...emptyMailboxForm('sendgrid'), address: 'a@acme.test' })).toEqual({
      'settings.apiKey': 'Paste the API key from your provider’s settings.',
    });
    expect(
      mailboxFormProblems({ ...emptyMailboxForm('gmail'), address: 'a@acme.test', apiBaseUrl: 'ftp://x' }),
    ).toEqual({
      'settings.accessToken': 'Paste an access token, or use the sign-in button above.',
      'settings.apiBaseUrl': 'Enter a full http(s) address, or leave it empty for the provider’s own.',
    });
  });
});
