import { defineContentScript } from 'wxt/utils/define-content-script';
import { markHost } from '../hosts/mark-host';

export default defineContentScript({
  matches: ['https://outlook.office.com/*', 'https://outlook.office365.com/*', 'https://outlook.live.com/*'],
  runAt: 'document_idle',
  main() {
    const address = document.querySelector<HTMLElement>('[data-stride-fixture-user]')?.dataset
      .strideFixtureUser;
    if (address) markHost(document, 'outlook', address);
  },
});
