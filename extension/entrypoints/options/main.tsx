import { createRoot } from 'react-dom/client';
import { browser } from 'wxt/browser';
import { createSettingsStore } from '../../lib/settings-store';
import { createRuntimeClient } from '../../lib/stride-client';
import { consoleScreens } from '../../ui/console/console-screens';
import { createLiveFeed } from '../../ui/console/live-feed';
import { OptionsShell } from '../../ui/options/options-shell';
import { SignIn } from '../../ui/options/sign-in';
import { injectPageStyles } from '../../ui/page-styles';

injectPageStyles(document);
const settings = createSettingsStore(__STRIDE_DEFAULT_SERVER_URL__);
const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <OptionsShell
      screens={[
        {
          id: 'account',
          title: 'Account',
          render: () => (
            <SignIn
              settings={settings}
              fetch={globalThis.fetch.bind(globalThis)}
              requestAccess={(origin) => {
                const origins = [`${origin}/*`];
                // Outside a user gesture Chrome refuses to ask; what is already granted still counts.
                return browser.permissions
                  .request({ origins })
                  .catch(() => browser.permissions.contains({ origins }));
              }}
            />
          ),
        },
        ...consoleScreens({
          settings,
          live: createLiveFeed({
            client: createRuntimeClient(browser.runtime),
            intervalMs: 15_000,
            isVisible: () => document.visibilityState === 'visible',
            setInterval: (fn, ms) => setInterval(fn, ms),
            clearInterval: (h) => clearInterval(h as ReturnType<typeof setInterval>),
          }),
          fetch: globalThis.fetch.bind(globalThis),
        }),
      ]}
    />,
  );
}
