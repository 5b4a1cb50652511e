import { createRoot } from 'react-dom/client';
import { browser } from 'wxt/browser';
import { createSettingsStore } from '../../lib/settings-store';
import { createRuntimeClient } from '../../lib/stride-client';
import { injectPageStyles } from '../../ui/page-styles';
import { Popup } from '../../ui/popup/popup';

injectPageStyles(document);
const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <Popup
      client={createRuntimeClient(browser.runtime)}
      settings={createSettingsStore(__STRIDE_DEFAULT_SERVER_URL__)}
      openOptions={() => void browser.runtime.openOptionsPage()}
    />,
  );
}
