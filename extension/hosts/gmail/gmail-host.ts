import type { Cleanup, MailCompose, MailHost, MailThread } from '../mail-host';
import { gmailCompose } from './gmail-compose';
import { type GmailThreadHandle, openGmailThread } from './gmail-thread';
import type { HeaderFetcher } from './original-headers';
import type { GmailSdk, SdkThreadView } from './sdk-types';

const PANEL_ICON =
  'data:image/svg+xml,' +
  encodeURIComponent(
    '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24"><rect width="24" height="24" rx="5" fill="#0b57d0"/><path d="M7 15.5c1 .9 2.4 1.5 4.3 1.5 2.3 0 3.7-1 3.7-2.6 0-3.4-7.5-2-7.5-5.6C7.5 7.2 9 6 11.3 6c1.6 0 2.9.5 3.8 1.3" fill="none" stroke="#fff" stroke-width="1.8" stroke-linecap="round"/></svg>',
  );

/** Gmail through InboxSDK: threads, message views, compose views and the thread sidebar. */
export function createGmailHost(
  sdk: GmailSdk,
  options: { now?: () => Date; headersOf?: HeaderFetcher } = {},
): MailHost {
  const views = new WeakMap<MailThread, SdkThreadView>();

  return {
    name: 'gmail',
    getUserAddress: () => sdk.User.getEmailAddress().toLowerCase(),
    onThreadOpened(cb): Cleanup {
      const open = new Map<SdkThreadView, GmailThreadHandle>();
      // Messages that load after the thread opened (a reply arriving, a collapsed one expanded).
      const stopMessages = sdk.Conversations.registerMessageViewHandler((messageView) => {
        const owner = messageView.getThreadView();
        for (const [view, handle] of open) if (view === owner) handle.messageLoaded(messageView);
      });
      const stopThreads = sdk.Conversations.registerThreadViewHandler((view) => {
        let cleanup: Cleanup | undefined;
        let destroyed = false;
        const onDestroy = () => {
          destroyed = true;
          open.delete(view);
          cleanup?.();
        };
        view.on('destroy', onDestroy);
        void openGmailThread(view, {
          ...options,
          user: sdk.User.getEmailAddress().toLowerCase(),
        }).then((handle) => {
          if (destroyed) return;
          open.set(view, handle);
          views.set(handle.thread, view);
          cleanup = cb(handle.thread);
        });
      });
      return () => {
        stopThreads();
        stopMessages();
      };
    },
    onComposeOpened(cb): Cleanup {
      return sdk.Compose.registerComposeViewHandler((view) => {
        const compose: MailCompose = gmailCompose(view);
        const cleanup = cb(compose);
        if (cleanup) view.on('destroy', () => cleanup());
      });
    },
    mountSidePanel(thread, el): Cleanup {
      const view = views.get(thread);
      if (!view) throw new Error('mountSidePanel: this thread is not open in Gmail');
      const panel = view.addSidebarContentPanel({
        el,
        id: 'stride-contact',
        title: 'Stride',
        iconUrl: PANEL_ICON,
      });
      return () => panel?.remove();
    },
  };
}
