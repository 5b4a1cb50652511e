import type { MailboxProvider } from '../../shared/enums';
import type { EmailProvider } from '../providers/provider';

export interface SchedulerConfig {
  batchSize: number;
  /** How long a worker owns a claimed email; past it, the outcome is treated as unknown. */
  leaseMs: number;
  /** A send later than this past its slot is re-slotted into the next window instead of going out. */
  maxLatenessMinutes: number;
  /** Transient failures retried this many times before the email is reported not sent. */
  maxAttempts: number;
  /** Provider calls in flight at once per worker. */
  concurrency: number;
  backoffBaseMs: number;
  backoffCapMs: number;
}

export const defaultSchedulerConfig: SchedulerConfig = {
  batchSize: 200,
  leaseMs: 5 * 60_000,
  maxLatenessMinutes: 24 * 60,
  maxAttempts: 8,
  concurrency: 16,
  backoffBaseMs: 30_000,
  backoffCapMs: 60 * 60_000,
};

export interface MailboxForSend {
  id: string;
  provider: MailboxProvider;
  address: string;
  name: string | null;
  signature: string | null;
  unsubscribeEnabled: boolean;
  settingsEncrypted: string | null;
  /** Set when an admin allowed internal provider hosts for this mailbox (net-guard). */
  internalHostsApprovedBy?: string | null;
}

/** Scheduler edges: a clock, randomness, and a way to get a provider for a mailbox. */
export interface SchedulerDeps {
  now: () => Date;
  random: () => number;
  providerFor: (mailbox: MailboxForSend) => EmailProvider;
  publicUrl: string;
  /** STRIDE_TRACKING_URL: where tracked links and the open pixel point (default: publicUrl). */
  trackingUrl?: string;
  secretKey: Buffer;
  log: Pick<Console, 'error' | 'info' | 'warn'>;
}
