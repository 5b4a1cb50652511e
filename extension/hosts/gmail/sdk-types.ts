import type {
  ComposeView,
  ComposeViewEvent,
  ContentPanelDescriptor,
  ContentPanelView,
  InboxSDK,
  MessageView,
  ThreadRowView,
  ThreadView,
} from '@inboxsdk/core';
import type { ThreadViewEvents } from '@inboxsdk/core/src/platform-implementation-js/views/conversations/thread-view';

/*
 * The slice of InboxSDK the Gmail adapter uses, derived from InboxSDK's own declarations: the real
 * `InboxSDK` object must be assignable to `GmailSdk` (checked where the content script passes it in),
 * and test fakes are typed by the same picks, so an API change in @inboxsdk/core breaks the build.
 * Views are narrowed with Pick because InboxSDK's classes carry #private fields no fake can have.
 */
export type SdkMessageView = Pick<
  MessageView,
  | 'getSender'
  | 'getRecipientEmailAddresses'
  | 'getDateString'
  | 'getMessageIDAsync'
  | 'getBodyElement'
  | 'isLoaded'
>;

export type SdkContentPanel = Pick<ContentPanelView, 'remove'>;

/** InboxSDK's typed emitters return `this`, which Pick would pin to the real class. */
export interface SdkEmitter<Events> {
  on<E extends keyof Events>(event: E, listener: Events[E]): unknown;
  off<E extends keyof Events>(event: E, listener: Events[E]): unknown;
}

export interface SdkThreadView
  extends Pick<ThreadView, 'getSubject' | 'getThreadIDAsync'>,
    SdkEmitter<ThreadViewEvents> {
  getMessageViewsAll(): SdkMessageView[];
  addSidebarContentPanel(descriptor: ContentPanelDescriptor): SdkContentPanel | null;
}

export type SdkStatusBar = Pick<ReturnType<ComposeView['addStatusBar']>, 'el' | 'setHeight' | 'destroy'>;

export interface SdkComposeView
  extends Pick<
      ComposeView,
      | 'getToRecipients'
      | 'getCcRecipients'
      | 'getBccRecipients'
      | 'getSubject'
      | 'getTextContent'
      | 'send'
      | 'destroyed'
    >,
    SdkEmitter<ComposeViewEvent> {
  addStatusBar(descriptor?: { height?: number; orderHint?: number }): SdkStatusBar;
}

/** A row of the thread list; `getElement` only to read Gmail's id of the row's latest message. */
export type SdkThreadRowView = Pick<
  ThreadRowView,
  | 'addLabel'
  | 'getContacts'
  | 'getThreadIDAsync'
  | 'getDateString'
  | 'getSubject'
  | 'getElement'
  | 'destroyed'
>;

export interface GmailSdk {
  User: Pick<InboxSDK['User'], 'getEmailAddress'>;
  Conversations: {
    registerThreadViewHandler(handler: (view: SdkThreadView) => void): () => void;
    registerMessageViewHandler(
      handler: (view: SdkMessageView & { getThreadView(): unknown }) => void,
    ): () => void;
  };
  Lists: { registerThreadRowViewHandler(handler: (view: SdkThreadRowView) => void): () => void };
  Compose: { registerComposeViewHandler(handler: (view: SdkComposeView) => void): () => void };
}
