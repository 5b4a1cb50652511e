/*
 * The extension APIs the background uses, narrowed to what it calls, so it runs against both
 * WXT's `browser` and `fakeBrowser` from wxt/testing.
 */
export interface EventLike<L> {
  addListener(listener: L): void;
  removeListener(listener: L): void;
}

export interface PortLike {
  name: string;
  postMessage(message: unknown): void;
  onDisconnect: EventLike<(port: PortLike) => void>;
}

export type MessageListener = (
  message: unknown,
  sender: unknown,
  sendResponse?: (response: unknown) => void,
) => unknown;

export interface BackgroundBrowser {
  storage: {
    local: {
      get(key: string): Promise<Record<string, unknown>>;
    };
    onChanged: EventLike<(changes: Record<string, { newValue?: unknown }>, area: string) => void>;
  };
  alarms: {
    create(name: string, info: { periodInMinutes?: number; delayInMinutes?: number }): unknown;
    onAlarm: EventLike<(alarm: { name: string }) => void>;
  };
  runtime: {
    onMessage: EventLike<MessageListener>;
    onConnect: EventLike<(port: PortLike) => void>;
    openOptionsPage(): Promise<void>;
    /** Optional so test stand-ins without it still fit; the console then opens at its start. */
    getURL?(path: string): string;
  };
  tabs?: { create(props: { url: string }): Promise<unknown> };
}
