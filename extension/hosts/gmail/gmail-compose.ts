import type { ContactNameOptional } from '@inboxsdk/core';
import type { Cleanup, MailCompose, PresendDecision } from '../mail-host';
import type { SdkComposeView } from './sdk-types';

const addresses = (list: ContactNameOptional[]) => list.map((c) => c.emailAddress.toLowerCase());

export function gmailCompose(view: SdkComposeView): MailCompose {
  // Set just before our own send() so the presending event it triggers is let through once.
  let resending = false;
  const recipients = () => [
    ...addresses(view.getToRecipients()),
    ...addresses(view.getCcRecipients()),
    ...addresses(view.getBccRecipients()),
  ];
  return {
    getRecipients: recipients,
    onRecipientsChanged(cb): Cleanup {
      const listener = () => cb(recipients());
      view.on('recipientsChanged', listener);
      return () => view.off('recipientsChanged', listener);
    },
    getSubject: () => view.getSubject(),
    getBody: () => view.getTextContent(),
    mountBar(el): Cleanup {
      const bar = view.addStatusBar({ height: 36 });
      bar.el.append(el);
      // Gmail gives status bars a fixed height; follow the bar's content as reasons come and go.
      const RO = el.ownerDocument.defaultView?.ResizeObserver;
      const observer = RO ? new RO(() => bar.setHeight(Math.max(36, el.scrollHeight))) : undefined;
      observer?.observe(el);
      return () => {
        observer?.disconnect();
        bar.destroy();
      };
    },
    onPresend(hook: () => PresendDecision): Cleanup {
      // InboxSDK only honours cancel() called synchronously inside the event, so decide right here.
      const listener = (event: { cancel(): void }) => {
        if (resending) {
          resending = false;
          return;
        }
        if (hook() !== true) event.cancel();
      };
      view.on('presending', listener);
      return () => view.off('presending', listener);
    },
    send() {
      if (view.destroyed) return;
      resending = true;
      view.send();
      // InboxSDK sends on a later tick; if no presending follows, the pass must not linger.
      setTimeout(() => {
        resending = false;
      }, 2_000);
    },
  };
}
