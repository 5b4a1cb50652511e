import {
  type ExtensionNotice,
  extensionNoticeSchema,
  NOTICE_PORT,
} from '../../shared/schemas/extension-messages';
import type { PortLike } from './browser-api';

/** Content scripts hold a port open; the background pushes change notices down every one. */
export function createPortHub(onAttach: () => void = () => {}) {
  const ports = new Set<PortLike>();
  return {
    attach(port: PortLike) {
      if (port.name !== NOTICE_PORT) return;
      ports.add(port);
      port.onDisconnect.addListener(() => ports.delete(port));
      onAttach();
    },
    broadcast(notice: ExtensionNotice) {
      const message = extensionNoticeSchema.parse(notice);
      for (const port of ports) {
        try {
          port.postMessage(message);
        } catch {
          // A port whose tab just closed throws; its onDisconnect removes it.
          ports.delete(port);
        }
      }
    },
    get size() {
      return ports.size;
    },
  };
}
export type PortHub = ReturnType<typeof createPortHub>;
