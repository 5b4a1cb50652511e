import { participantsOf } from '../../lib/addresses';
import type { Cleanup, MailCompose, MailHost, MailMessage, MailThread } from '../mail-host';
import { floatingStyle } from './floating';
import { composeRootOf, outlookCompose } from './outlook-compose';
import { readConversation } from './outlook-thread';
import { findPart, findParts, OWA_PARTS } from './selectors';

interface OpenThread {
  thread: MailThread;
  keys: string;
  listeners: Set<(messages: MailMessage[]) => void>;
  cleanup?: Cleanup;
}

const ownUi = (node: Node) =>
  (node.nodeType === 1 ? (node as Element) : node.parentElement)?.closest('[data-stride-anchor]') != null;

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
    // Stride's own panel and bar re-render often; their mutations say nothing about OWA's page.
    const observer = new win.MutationObserver((records) => {
      if (records.every((r) => ownUi(r.target))) return;
      scan();
    });
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
        const reading = readConversation(doc, now, memo);
        if (!reading) return close();
        const conv =
          reading.kind === 'problem'
            ? {
                id: `problem:${reading.id}`,
                subject: '',
                messages: [],
                names: new Map<string, string>(),
                unresolved: [],
              }
            : reading;
        const problem = reading.kind === 'problem' ? reading.reason : undefined;
        const keys = [problem ?? '', ...conv.unresolved, ...conv.messages.map((m) => m.key)].join('\n');
        // Who could not be resolved decides what the panel shows, so a change there reopens the thread.
        const sameUnresolved = (open?.thread.unresolvedNames ?? []).join('\n') === conv.unresolved.join('\n');
        if (open && open.thread.id === conv.id && sameUnresolved) {
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
          ...(problem ? { problem } : {}),
          ...(conv.unresolved.length ? { unresolvedNames: conv.unresolved } : {}),
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
        for (const box of findParts(doc, OWA_PARTS.composeRecipientBox)) {
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
      const pane = findPart(doc, OWA_PARTS.readingPane);
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
