import { createRoot } from 'react-dom/client';
import { browser } from 'wxt/browser';
import { consoleScreens } from '../../ui/console/console-screens';
import { OptionsShell } from '../../ui/options/options-shell';
import { SignIn } from '../../ui/options/sign-in';
import { injectPageStyles } from '../../ui/page-styles';

injectPageStyles(document);
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
              storage={browser.storage.local}
              fetch={globalThis.fetch.bind(globalThis)}
              defaultServerUrl={__STRIDE_DEFAULT_SERVER_URL__}
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
          storage: browser.storage.local,
          fetch: globalThis.fetch.bind(globalThis),
          defaultServerUrl: __STRIDE_DEFAULT_SERVER_URL__,
        }),
      ]}
    />,
  );
}
