import type { Cleanup, MailHost } from '../hosts/mail-host';
import { otherParty } from '../lib/addresses';
import type { StrideClient } from '../lib/stride-client';
import { ComposeBar } from '../ui/compose-bar/compose-bar';
import { createComposeGuard, type GuardOptions } from '../ui/compose-bar/compose-guard';
import { ContactPanel } from '../ui/contact-panel/contact-panel';
import { PanelFrame, type PlaceStore, type ThemeReader } from '../ui/contact-panel/panel-frame';
import { UnreadablePanel } from '../ui/contact-panel/unreadable-panel';
import type { MountUi } from '../ui/mount-shadow';
import { reportThread } from './report-thread';

/** Everything Stride does on a mail page, written once against MailHost. */
export function runIntegration(deps: {
  host: MailHost;
  client: StrideClient;
  mount: MountUi;
  doc?: Document;
  guard?: GuardOptions;
  /** Where the panel's place (collapsed, width, floating, corner) is remembered. */
  place?: PlaceStore;
  theme?: ThemeReader;
}): Cleanup {
  const { host, client, mount } = deps;
  const doc = deps.doc ?? document;

  // Each reason reaches the background's diagnostics once per page, however often a thread shows it.
  const reported = new Set<string>();
  const reportProblem = (reason: string) => {
    if (reported.has(reason)) return;
    reported.add(reason);
    const loc = doc.defaultView?.location;
    void client.request({
      type: 'page.problem',
      host: host.name,
      reason,
      ...(loc ? { page: `${loc.origin}${loc.pathname}`.slice(0, 500) } : {}),
    });
  };

  const stopThreads = host.onThreadOpened((thread) => {
    const stopReport = reportThread(client, host.name, thread);
    const other = otherParty(thread.participants, host.getUserAddress());
    const unresolved = thread.unresolvedNames ?? [];
    const missing = unresolved.length
      ? `Stride can't find the address of ${unresolved.join(', ')} on this page.`
      : undefined;
    const problem = thread.problem ?? (!other ? missing : undefined);
    if (problem) reportProblem(problem);
    const anchor = doc.createElement('div');
    anchor.dataset.strideAnchor = 'contact-panel';
    const unmountPanel = host.mountSidePanel(thread, anchor);
    const people = thread.participants.map((p) => p.name ?? p.address).concat(unresolved);
    const panel = other ? (
      <ContactPanel
        client={client}
        email={other.address}
        {...(other.name ? { name: other.name } : {})}
        {...(missing ? { notice: missing } : {})}
      />
    ) : (
      <UnreadablePanel
        reason={problem ?? 'Stride found no one but you in this conversation.'}
        {...(thread.subject ? { subject: thread.subject } : {})}
        people={people}
      />
    );
    const unmountUi = mount(
      anchor,
      'stride-contact-panel',
      <PanelFrame
        anchor={anchor}
        {...(deps.place ? { store: deps.place } : {})}
        {...(deps.theme ? { theme: deps.theme } : {})}
      >
        {panel}
      </PanelFrame>,
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
