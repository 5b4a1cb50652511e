import { type ComponentType, type ReactNode, useEffect, useLayoutEffect, useState } from 'react';
import type { SettingsStore } from '../../lib/settings-store';
import type { OptionsScreen } from '../options/options-shell';
import { createConsoleApi } from './api-client';
import { ConsoleProvider, type ConsoleServices, useConsole } from './console-context';
import { injectConsoleStyles } from './console-styles';
import { ContactDirectory } from './contact-directory';
import { EmailsScreen } from './emails/emails-screen';
import { ImportScreen } from './import/import-screen';
import type { LiveFeed } from './live-feed';
import { MailboxesScreen } from './mailboxes/mailboxes-screen';
import { ContactsScreen } from './records/contacts-screen';
import type { ViewStore } from './records/saved-views';
import { wxtViewStore } from './records/saved-views';
import { ReportsScreen } from './reports/reports-screen';
import { SequencesScreen } from './sequences/sequences-screen';
import { TasksScreen } from './tasks/tasks-screen';
import { TeamScreen } from './team/team-screen';

export interface ConsoleDeps {
  settings: SettingsStore;
  fetch: typeof fetch;
  now?: () => Date;
  live?: LiveFeed;
  views?: ViewStore;
}

/** Screens only make sense signed in; otherwise they point to the Account tab instead of erroring. */
function SignedInGate(props: { settings: SettingsStore; children: ReactNode }) {
  const [signedIn, setSignedIn] = useState<boolean | null>(null);
  const { contacts } = useConsole();
  useLayoutEffect(() => injectConsoleStyles(document), []);
  useEffect(() => {
    let alive = true;
    // The gate remounts after a visit to the Account tab, where the rep may have changed user.
    contacts.clear();
    void props.settings.read().then((s) => alive && setSignedIn(!!s.token));
    return () => {
      alive = false;
    };
  }, [props.settings, contacts]);
  if (signedIn === null) return <div className="c-screen" />;
  if (!signedIn) {
    return (
      <div className="c-screen">
        <div className="c-empty" role="status" data-console-signed-out="">
          <strong>Sign in to use the console</strong>
          <span className="s-muted">
            Your sequences, contacts and mailboxes live on your Stride server.{' '}
            <a href="#account">Sign in on the Account tab</a>.
          </span>
        </div>
      </div>
    );
  }
  return props.children;
}

/** The console's screens for the options page's OptionsShell; they share one client and contact cache. */
export function consoleScreens(deps: ConsoleDeps): OptionsScreen[] {
  const api = createConsoleApi(deps);
  const services: ConsoleServices = {
    api,
    contacts: new ContactDirectory(api),
    now: deps.now ?? (() => new Date()),
    views: deps.views ?? wxtViewStore(),
    ...(deps.live ? { live: deps.live } : {}),
  };
  const screen = (id: string, title: string, Screen: ComponentType): OptionsScreen => ({
    id,
    title,
    render: () => (
      <ConsoleProvider services={services}>
        <SignedInGate settings={deps.settings}>
          <Screen />
        </SignedInGate>
      </ConsoleProvider>
    ),
  });
  return [
    screen('sequences', 'Sequences', SequencesScreen),
    screen('contacts', 'Contacts', ContactsScreen),
    screen('emails', 'Emails', EmailsScreen),
    screen('tasks', 'Tasks', TasksScreen),
    screen('import', 'Import', ImportScreen),
    screen('mailboxes', 'Mailboxes', MailboxesScreen),
    screen('reports', 'Reports', ReportsScreen),
    screen('team', 'Team', TeamScreen),
  ];
}
