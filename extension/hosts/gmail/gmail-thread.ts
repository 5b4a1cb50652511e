import { findAddress, participantsOf } from '../../lib/addresses';
import { parseHostDate } from '../../lib/host-dates';
import type { Cleanup, MailMessage, MailThread } from '../mail-host';
import type { HeaderFetcher } from './original-headers';
import type { SdkMessageView, SdkThreadView } from './sdk-types';

export interface ReadOptions {
  now?: () => Date;
  /** Reads a message's headers from its original source; only asked for messages not from `user`. */
  headersOf?: HeaderFetcher;
  user?: string;
}

/** Reads one loaded Gmail message; collapsed messages have no body or id until they load. */
export async function readMessage(
  view: SdkMessageView,
  options: ReadOptions = {},
): Promise<MailMessage | undefined> {
  const { now, headersOf, user } = options;
  if (!view.isLoaded()) return undefined;
  const sender = view.getSender();
  const from = findAddress(sender.emailAddress);
  if (!from) return undefined;
  // getMessageIDAsync is Gmail's own id (hex), not the RFC Message-ID: an identity, not a header.
  const gmailId = await view.getMessageIDAsync().catch(() => undefined);
  const body = view.getBodyElement();
  // innerText is the text as the rep sees it (line breaks, no hidden parts)
  const text = body?.innerText ?? body?.textContent ?? undefined;
  // The rep's own messages need no headers: only what others sent is classified.
  const headers = gmailId && headersOf && from !== user ? await headersOf(gmailId) : undefined;
  const messageId = headers?.['Message-ID'];
  return {
    ...(gmailId ? { key: `gmail:${gmailId}` } : {}),
    ...(messageId ? { messageId } : {}),
    from,
    to: view
      .getRecipientEmailAddresses()
      .map((a) => findAddress(a))
      .filter((a): a is string => !!a),
    date: parseHostDate(view.getDateString(), now),
    ...(text ? { text: text.slice(0, 200_000) } : {}),
    ...(headers ? { headers } : {}),
  };
}

export interface GmailThreadHandle {
  thread: MailThread;
  /** The adapter calls this when InboxSDK loads another message view into this thread. */
  messageLoaded(view: SdkMessageView): void;
}

export async function openGmailThread(
  view: SdkThreadView,
  options: ReadOptions = {},
): Promise<GmailThreadHandle> {
  const [id, initial] = await Promise.all([
    view.getThreadIDAsync(),
    Promise.all(view.getMessageViewsAll().map((m) => readMessage(m, options))),
  ]);
  const byKey = new Map<string, MailMessage>();
  const keyOf = (m: MailMessage) => m.key ?? `${m.from}|${m.date}`;
  for (const m of initial) if (m) byKey.set(keyOf(m), m);
  const names = new Map<string, string>();
  for (const m of view.getMessageViewsAll()) {
    const s = m.getSender();
    if (s.name && s.emailAddress) names.set(s.emailAddress.toLowerCase(), s.name);
  }
  const listeners = new Set<(messages: MailMessage[]) => void>();
  const thread: MailThread = {
    id,
    subject: view.getSubject(),
    participants: participantsOf([...byKey.values()], names),
    messages: [...byKey.values()],
    onMessagesChanged(cb): Cleanup {
      listeners.add(cb);
      return () => listeners.delete(cb);
    },
  };
  return {
    thread,
    messageLoaded(messageView) {
      void readMessage(messageView, options).then((m) => {
        if (!m || byKey.has(keyOf(m))) return;
        byKey.set(keyOf(m), m);
        thread.messages = [...byKey.values()];
        thread.participants = participantsOf(thread.messages, names);
        for (const cb of listeners) cb(thread.messages);
      });
    },
  };
}
