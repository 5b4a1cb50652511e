/**
 * One surface over Gmail (InboxSDK) and Outlook on the web (DOM), so the panel, the compose bar and
 * reply reporting are written once. Every `on…` returns its own cleanup; a callback may return one too,
 * which the host runs when that thread or compose goes away.
 */
export type HostName = 'gmail' | 'outlook';
export type Cleanup = () => void;

export interface MailParticipant {
  /** Lower-cased address. */
  address: string;
  name?: string;
}

export interface MailMessage {
  /** RFC 5322 Message-ID when the host exposes it (neither InboxSDK nor OWA's DOM does today). */
  messageId?: string;
  /** The host's stable identity for the message (Gmail's message id, OWA sender+time+text), so it is reported once. */
  key?: string;
  /** Lower-cased sender address. */
  from: string;
  to: string[];
  /** ISO-8601 instant. */
  date: string;
  text?: string;
  headers?: Record<string, string>;
}

export interface MailThread {
  id: string;
  subject: string;
  /** Senders first, in message order, then recipients; each address once. */
  participants: MailParticipant[];
  messages: MailMessage[];
  /** Set when a conversation is open but Stride cannot read it: why, in one line. */
  problem?: string;
  /** People the page shows by display name only, whose address Stride found nowhere on it. */
  unresolvedNames?: string[];
  /** Fires with the whole current message list whenever new messages load into the open thread. */
  onMessagesChanged(cb: (messages: MailMessage[]) => void): Cleanup;
}

/** true: let the send go; false: cancel it; 'hold': cancel it now, the caller will `send()` later. */
export type PresendDecision = boolean | 'hold';

export interface MailCompose {
  /** Lower-cased To, Cc and Bcc addresses. */
  getRecipients(): string[];
  onRecipientsChanged(cb: (recipients: string[]) => void): Cleanup;
  getSubject(): string;
  getBody(): string;
  /** Places `el` in the compose window (Gmail's status bar, or next to OWA's send button). */
  mountBar(el: HTMLElement): Cleanup;
  /** The hook runs synchronously when the rep sends; only one hook per compose. */
  onPresend(hook: () => PresendDecision): Cleanup;
  /** Sends for real, without running the presend hook again. */
  send(): void;
}

export interface MailHost {
  readonly name: HostName;
  getUserAddress(): string;
  onThreadOpened(cb: (thread: MailThread) => Cleanup | undefined): Cleanup;
  onComposeOpened(cb: (compose: MailCompose) => Cleanup | undefined): Cleanup;
  /** Shows `el` beside the thread: a docked side panel where the host has one, else floating. */
  mountSidePanel(thread: MailThread, el: HTMLElement): Cleanup;
}
