import { createRoot } from 'react-dom/client';
import { browser } from 'wxt/browser';
import { createSettingsStore } from '../../lib/settings-store';
import { consoleScreens } from '../../ui/console/console-screens';
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
          fetch: globalThis.fetch.bind(globalThis),
        }),
      ]}
    />,
  );
}
