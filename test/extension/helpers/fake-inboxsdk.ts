import type { Contact, ContactNameOptional, ContentPanelDescriptor, LabelDescriptor } from '@inboxsdk/core';
import type {
  GmailSdk,
  SdkComposeView,
  SdkContentPanel,
  SdkMessageView,
  SdkStatusBar,
  SdkThreadRowView,
  SdkThreadView,
} from '../../../extension/hosts/gmail/sdk-types';

type Listener = (...args: any[]) => void;

/** Just enough of Node's EventEmitter for InboxSDK's typed emitters. */
class FakeEmitter {
  private handlers = new Map<string, Set<Listener>>();
  on(event: string, listener: Listener): this {
    if (!this.handlers.has(event)) this.handlers.set(event, new Set());
    this.handlers.get(event)?.add(listener);
    return this;
  }
  off(event: string, listener: Listener): this {
    this.handlers.get(event)?.delete(listener);
    return this;
  }
  emit(event: string, ...args: unknown[]): void {
    for (const l of [...(this.handlers.get(event) ?? [])]) l(...args);
  }
  count(event: string): number {
    return this.handlers.get(event)?.size ?? 0;
  }
}

export class FakeMessageView implements SdkMessageView {
  threadView: unknown;
  constructor(
    private readonly data: {
      sender: { name: string; emailAddress: string };
      to: string[];
      date: string;
      messageId: string;
      body: string;
      loaded?: boolean;
    },
  ) {}
  getSender() {
    return this.data.sender;
  }
  getRecipientEmailAddresses() {
    return this.data.to;
  }
  getDateString() {
    return this.data.date;
  }
  getMessageIDAsync() {
    return Promise.resolve(this.data.messageId);
  }
  getBodyElement() {
    const el = document.createElement('div');
    el.textContent = this.data.body;
    return el;
  }
  isLoaded() {
    return this.data.loaded ?? true;
  }
  getThreadView() {
    return this.threadView;
  }
}

export class FakeThreadView extends FakeEmitter implements SdkThreadView {
  panels: Array<{ descriptor: ContentPanelDescriptor; removed: boolean }> = [];
  constructor(
    readonly id: string,
    readonly subject: string,
    readonly messages: FakeMessageView[],
  ) {
    super();
    for (const m of messages) m.threadView = this;
  }
  getSubject() {
    return this.subject;
  }
  getThreadIDAsync() {
    return Promise.resolve(this.id);
  }
  getMessageViewsAll() {
    return this.messages;
  }
  addSidebarContentPanel(descriptor: ContentPanelDescriptor): SdkContentPanel {
    const entry = { descriptor, removed: false };
    this.panels.push(entry);
    return {
      remove: () => {
        entry.removed = true;
      },
    };
  }
}

export class FakeComposeView extends FakeEmitter implements SdkComposeView {
  destroyed = false;
  sends = 0;
  statusBars: Array<SdkStatusBar & { height: number; destroyed: boolean }> = [];
  to: ContactNameOptional[] = [];
  cc: ContactNameOptional[] = [];
  bcc: ContactNameOptional[] = [];
  getToRecipients() {
    return this.to;
  }
  getCcRecipients() {
    return this.cc;
  }
  getBccRecipients() {
    return this.bcc;
  }
  getSubject() {
    return 'Hello';
  }
  getTextContent() {
    return 'Body text';
  }
  addStatusBar(descriptor?: { height?: number }) {
    const bar = {
      el: document.createElement('div'),
      height: descriptor?.height ?? 0,
      destroyed: false,
      setHeight(h: number) {
        bar.height = h;
      },
      destroy() {
        bar.destroyed = true;
      },
    };
    this.statusBars.push(bar);
    return bar;
  }
  /** Gmail's send button: fires presending, then sends unless a listener cancelled. */
  clickSend(): boolean {
    let cancelled = false;
    this.emit('presending', {
      cancel: () => {
        cancelled = true;
      },
    });
    if (!cancelled) this.sends++;
    return !cancelled;
  }
  send() {
    this.clickSend();
  }
}

/**
 * A thread-list row. Its element is Gmail's row markup as InboxSDK reads it: sender spans with
 * `email`/`name`, the subject span carrying the latest message's id, the snippet in `span.y2`.
 */
export class FakeThreadRowView implements SdkThreadRowView {
  destroyed = false;
  labels: LabelDescriptor[] = [];
  private readonly element: HTMLElement;
  constructor(
    readonly data: {
      threadId: string;
      subject: string;
      date: string;
      contacts: Contact[];
      lastMessageId?: string;
      snippet?: string;
    },
  ) {
    const row = document.createElement('tr');
    row.className = 'zA';
    const senders = document.createElement('td');
    for (const c of data.contacts) {
      const span = document.createElement('span');
      span.setAttribute('email', c.emailAddress);
      span.setAttribute('name', c.name);
      span.textContent = c.name;
      senders.append(span);
    }
    const subject = document.createElement('span');
    subject.setAttribute('data-thread-id', `#thread-f:${data.threadId}`);
    if (data.lastMessageId) subject.setAttribute('data-legacy-last-message-id', data.lastMessageId);
    subject.textContent = data.subject;
    const snippet = document.createElement('span');
    snippet.className = 'y2';
    snippet.textContent = data.snippet ? `\u00a0-\u00a0${data.snippet}` : '';
    row.append(senders, subject, snippet);
    this.element = row;
  }
  addLabel(label: LabelDescriptor | null | unknown) {
    this.labels.push(label as LabelDescriptor);
  }
  getContacts() {
    return this.data.contacts;
  }
  getThreadIDAsync() {
    return Promise.resolve(this.data.threadId);
  }
  getDateString() {
    return this.data.date;
  }
  getSubject() {
    return this.data.subject;
  }
  getElement() {
    return this.element;
  }
}

/** A fake typed by GmailSdk, which is derived from @inboxsdk/core's declarations. */
export function fakeSdk(user = 'rep@example.test') {
  const threadHandlers: Array<(v: SdkThreadView) => void> = [];
  const messageHandlers: Array<(v: SdkMessageView & { getThreadView(): unknown }) => void> = [];
  const composeHandlers: Array<(v: SdkComposeView) => void> = [];
  const rowHandlers: Array<(v: SdkThreadRowView) => void> = [];
  const sdk: GmailSdk = {
    User: { getEmailAddress: () => user },
    Conversations: {
      registerThreadViewHandler(h) {
        threadHandlers.push(h);
        return () => threadHandlers.splice(threadHandlers.indexOf(h), 1);
      },
      registerMessageViewHandler(h) {
        messageHandlers.push(h);
        return () => messageHandlers.splice(messageHandlers.indexOf(h), 1);
      },
    },
    Lists: {
      registerThreadRowViewHandler(h) {
        rowHandlers.push(h);
        return () => rowHandlers.splice(rowHandlers.indexOf(h), 1);
      },
    },
    Compose: {
      registerComposeViewHandler(h) {
        composeHandlers.push(h);
        return () => composeHandlers.splice(composeHandlers.indexOf(h), 1);
      },
    },
  };
  return {
    sdk,
    openThread(view: FakeThreadView) {
      for (const h of threadHandlers) h(view);
    },
    loadMessage(view: FakeMessageView) {
      for (const h of messageHandlers) h(view);
    },
    openCompose(view: FakeComposeView) {
      for (const h of composeHandlers) h(view);
    },
    showRow(view: FakeThreadRowView) {
      for (const h of rowHandlers) h(view);
    },
  };
}
