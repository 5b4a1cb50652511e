import type { MailboxDto } from '../api-schemas';
import { formatDate, plural } from '../format';
import type { Tone } from '../ui/badge';

export interface SyncWords {
  label: string;
  tone: Tone;
  /** What it means for the rep, and what to do when something is wrong. */
  detail: string;
}

/** "just now", "4 min ago", "3 hours ago", "2 days ago". */
export function agoWords(iso: string, now: Date): string {
  const minutes = Math.floor((now.getTime() - Date.parse(iso)) / 60_000);
  if (!Number.isFinite(minutes) || minutes < 1) return 'just now';
  if (minutes < 60) return `${minutes} min ago`;
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return `${plural(hours, 'hour')} ago`;
  return `${plural(Math.floor(hours / 24), 'day')} ago`;
}

const UNREADABLE: Partial<Record<MailboxDto['provider'], string>> = {
  sandbox: 'The sandbox keeps emails as files; there is no inbox to read.',
  sendgrid: 'SendGrid only sends; replies go to your own inbox, which Stride cannot read from here.',
  mailgun: 'Mailgun only sends; replies go to your own inbox, which Stride cannot read from here.',
};

/**
 * The mailbox's reading state (`sync` of GET /api/mailboxes/:id) in words a rep acts on: whether
 * replies that nobody opens still stop sequences, when it was last read, and what to do on error.
 */
export function syncWords(m: MailboxDto, now: Date): SyncWords {
  const last = m.sync.lastSyncedAt ? `last synced ${agoWords(m.sync.lastSyncedAt, now)}` : undefined;
  switch (m.sync.state) {
    case 'off':
      return {
        label: 'Off',
        tone: 'none',
        detail:
          m.provider === 'smtp'
            ? 'Replies are seen only when someone opens the thread. Add the IMAP server under “Edit settings” so Stride reads this mailbox itself.'
            : `${UNREADABLE[m.provider] ?? 'This mailbox cannot be read.'} Replies are seen when someone opens the thread.`,
      };
    case 'syncing':
      return {
        label: 'Syncing',
        tone: 'warn',
        detail: last ? `Reading new mail now; ${last}.` : 'Reading the mailbox for the first time.',
      };
    case 'ok':
      return {
        label: 'Up to date',
        tone: 'good',
        detail: `Replies, out-of-office answers and bounces stop or pause sequences by themselves; ${last ?? 'synced'}.`,
      };
    case 'error': {
      const todo =
        m.status === 'inactive'
          ? 'Fix it with “Reconnect”.'
          : m.provider === 'smtp'
            ? 'Stride tries again in a few minutes; if it keeps failing, check the IMAP settings under “Edit settings”.'
            : 'Stride tries again in a few minutes; if it keeps failing, use “Reconnect”.';
      return {
        label: 'Sync failed',
        tone: 'bad',
        detail: `${m.sync.error ?? 'Reading the mailbox failed'}${/[.!?]$/.test(m.sync.error ?? '') ? '' : '.'} ${todo}${last ? ` Before that, ${last}.` : ''}`,
      };
    }
  }
}

/** Today's limit and the ramp-up's end, e.g. "15 today (ramping up, 50 from Dec 10, 2026)". */
export function limitWords(m: MailboxDto): string {
  if (!m.rampUp || m.effectiveDailyLimit >= m.dailyLimit) return `${m.effectiveDailyLimit} today`;
  const ceiling = m.rampUpReachesLimitOn
    ? `, ${m.dailyLimit} from ${formatDate(`${m.rampUpReachesLimitOn}T12:00:00Z`)}`
    : '';
  return `${m.effectiveDailyLimit} today (ramping up${ceiling})`;
}
