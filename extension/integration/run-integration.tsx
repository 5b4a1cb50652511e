import type { Cleanup, MailHost } from '../hosts/mail-host';
import { otherParty } from '../lib/addresses';
import type { StrideClient } from '../lib/stride-client';
import { ComposeBar } from '../ui/compose-bar/compose-bar';
import { createComposeGuard, type GuardOptions } from '../ui/compose-bar/compose-guard';
import { ContactPanel } from '../ui/contact-panel/contact-panel';
import type { MountUi } from '../ui/mount-shadow';
import { reportThread } from './report-thread';

/** Everything Stride does on a mail page, written once against MailHost. */
export function runIntegration(deps: {
  host: MailHost;
  client: StrideClient;
  mount: MountUi;
  doc?: Document;
  guard?: GuardOptions;
}): Cleanup {
  const { host, client, mount } = deps;
  const doc = deps.doc ?? document;

  const stopThreads = host.onThreadOpened((thread) => {
    const stopReport = reportThread(client, host.name, thread);
    const other = otherParty(thread.participants, host.getUserAddress());
    if (!other) return stopReport;
    const anchor = doc.createElement('div');
    anchor.dataset.strideAnchor = 'contact-panel';
    const unmountPanel = host.mountSidePanel(thread, anchor);
    const unmountUi = mount(
      anchor,
      'stride-contact-panel',
      <ContactPanel client={client} email={other.address} {...(other.name ? { name: other.name } : {})} />,
    );
    return () => {
      stopReport();
      unmountUi();
      unmountPanel();
    };
  });

  const stopCompose = host.onComposeOpened((compose) => {
    const guard = createComposeGuard(client, compose, deps.guard);
    const anchor = doc.createElement('div');
    anchor.dataset.strideAnchor = 'compose-bar';
    const unmountBar = compose.mountBar(anchor);
    const unmountUi = mount(anchor, 'stride-compose-bar', <ComposeBar guard={guard} />);
    return () => {
      guard.dispose();
      unmountUi();
      unmountBar();
    };
  });

  return () => {
    stopThreads();
    stopCompose();
  };
}
