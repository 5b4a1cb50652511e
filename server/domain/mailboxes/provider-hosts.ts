import type { ProviderName } from '../../../shared/schemas/mailbox';
import { isObviouslyInternalHost } from '../../net/internal-address';
import type { Actor } from '../actor';
import { invalid } from '../errors';
import type { MailboxSettings } from './mailbox-settings';

/** Every host a mailbox's settings make the server connect to, with the field that names it. */
export function settingsHosts(
  provider: ProviderName,
  settings: MailboxSettings,
): { path: string; host: string }[] {
  const out: { path: string; host: string }[] = [];
  if (provider === 'smtp' && typeof settings.host === 'string')
    out.push({ path: 'settings.host', host: settings.host });
  // The IMAP server an smtp mailbox is read from (sync) is connected to with its credentials too.
  const imap = settings.imap;
  if (
    provider === 'smtp' &&
    imap &&
    typeof imap === 'object' &&
    'host' in imap &&
    typeof imap.host === 'string'
  )
    out.push({ path: 'settings.imap.host', host: imap.host });
  for (const key of ['apiBaseUrl', 'tokenUrl'] as const) {
    const value = settings[key];
    if (typeof value !== 'string') continue;
    try {
      out.push({ path: `settings.${key}`, host: new URL(value).hostname });
    } catch {
      // The settings schema already refused a URL that does not parse.
    }
  }
  return out;
}

/**
 * At save time: refuses hosts that are plainly internal (literal private, loopback or link-local
 * addresses, localhost) unless the operator allows internal hosts and the caller is an admin. Returns
 * who approves internal hosts for this mailbox from now on (the admin), or null. Names that resolve
 * inward are refused later, on every connection (net-guard), unless approved here.
 */
export function approveProviderHosts(
  provider: ProviderName,
  settings: MailboxSettings,
  user: Actor,
  operatorAllowsInternal: boolean,
): string | null {
  const mayApprove = operatorAllowsInternal && user.role === 'admin';
  if (mayApprove) return user.id;
  const internal = settingsHosts(provider, settings).filter((h) => isObviouslyInternalHost(h.host));
  if (internal.length > 0) {
    const why = operatorAllowsInternal
      ? 'only an admin may point a mailbox at an internal address'
      : 'must be a public host: loopback, private and link-local addresses are refused';
    throw invalid(
      `provider hosts must be public: ${internal.map((h) => h.path).join(', ')}`,
      internal.map((h) => ({ path: h.path, message: `${h.host} ${why}` })),
    );
  }
  return null;
}
