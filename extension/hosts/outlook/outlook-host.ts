import { participantsOf } from '../../lib/addresses';
import type { Cleanup, MailCompose, MailHost, MailMessage, MailThread } from '../mail-host';
import { floatingStyle } from './floating';
import { composeRootOf, outlookCompose } from './outlook-compose';
import { readConversation } from './outlook-thread';
import { OWA } from './selectors';

interface OpenThread {
  thread: MailThread;
  keys: string;
  listeners: Set<(messages: MailMessage[]) => void>;
  cleanup?: Cleanup;
}

/** Outlook on the web through its DOM: MutationObserver over OWA's accessible structure. */
export function createOutlookHost(
  doc: Document,
  userAddress: string,
  options: { now?: () => Date } = {},
): MailHost {
  const win = doc.defaultView;
  if (!win) throw new Error('createOutlookHost: the document has no window');
  const now = options.now ?? (() => new Date());
  const memo = new Map<string, MailMessage>();

  const watch = (scan: () => void): Cleanup => {
    const observer = new win.MutationObserver(scan);
    observer.observe(doc.body, { childList: true, subtree: true });
    scan();
    return () => observer.disconnect();
  };

  return {
    name: 'outlook',
    getUserAddress: () => userAddress.toLowerCase(),

    onThreadOpened(cb): Cleanup {
      let open: OpenThread | undefined;
      const close = () => {
        open?.cleanup?.();
        open = undefined;
      };
      const stop = watch(() => {
        // Long sessions read many threads; forgetting old readings only costs a re-read.
        if (memo.size > 5_000) memo.clear();
        const conv = readConversation(doc, now, memo);
        if (!conv) return close();
        const keys = conv.messages.map((m) => m.key).join('\n');
        if (open && open.thread.id === conv.id) {
          if (keys === open.keys) return;
          open.keys = keys;
          open.thread.messages = conv.messages;
          open.thread.participants = participantsOf(conv.messages, conv.names);
          for (const listener of open.listeners) listener(conv.messages);
          return;
        }
        close();
        const listeners = new Set<(messages: MailMessage[]) => void>();
        const thread: MailThread = {
          id: conv.id,
          subject: conv.subject,
          messages: conv.messages,
          participants: participantsOf(conv.messages, conv.names),
          onMessagesChanged(listener) {
            listeners.add(listener);
            return () => listeners.delete(listener);
          },
        };
        const next: OpenThread = { thread, keys, listeners };
        open = next;
        next.cleanup = cb(thread);
      });
      return () => {
        stop();
        close();
      };
    },

    onComposeOpened(cb): Cleanup {
      const open = new Map<HTMLElement, Cleanup | undefined>();
      const stop = watch(() => {
        const roots = new Set<HTMLElement>();
        for (const box of doc.querySelectorAll(OWA.recipientBox('To'))) {
          const root = composeRootOf(box);
          if (root) roots.add(root);
        }
        for (const [root, cleanup] of open) {
          if (roots.has(root) && root.isConnected) continue;
          open.delete(root);
          cleanup?.();
        }
        for (const root of roots) {
          if (open.has(root)) continue;
          const compose: MailCompose = outlookCompose(root);
          open.set(root, undefined);
          open.set(root, cb(compose));
        }
      });
      return () => {
        stop();
        for (const cleanup of open.values()) cleanup?.();
        open.clear();
      };
    },

    mountSidePanel(_thread, el): Cleanup {
      // Docked beside the reading pane when OWA's layout has one; floating over the page otherwise.
      const pane = doc.querySelector(OWA.readingPane);
      if (pane?.parentElement) {
        el.dataset.strideDock = 'docked';
        Object.assign(el.style, {
          flex: '0 0 300px',
          width: '300px',
          overflow: 'auto',
          borderLeft: '1px solid #e0e0e0',
        });
        pane.after(el);
      } else {
        el.dataset.strideDock = 'floating';
        Object.assign(el.style, floatingStyle('top'));
        doc.body.append(el);
      }
      return () => el.remove();
    },
  };
}
