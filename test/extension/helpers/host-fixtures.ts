import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { JSDOM } from 'jsdom';

/** Real webmail markup captured by other projects (sources and dates in its README); read at run time. */
export const HOST_FIXTURES_DIR = resolve('../shared/host-fixtures');

export const hostFixture = (file: string) => readFileSync(resolve(HOST_FIXTURES_DIR, file), 'utf8');

/** The open conversation's id in the captured OWA pages (their selected message-list row). */
export const OWA_FIXTURE_CONVID = 'AQQkADAwATMwMAItYjBiZi03YmY3LTAwAi0wMAoAEABjgKbAj7DwSKnW58xs6QY7';

export const OWA_FIXTURES = [
  { file: 'owa-2025-reading-pane-en.html', lang: 'en' },
  { file: 'owa-2025-reading-pane-de.html', lang: 'de' },
] as const;

/** A captured OWA page at the URL OWA gives an open conversation, without running its scripts. */
export function loadCapturedOwa(html: string, host = 'outlook.office.com') {
  const dom = new JSDOM(html, {
    url: `https://${host}/mail/inbox/id/${encodeURIComponent(OWA_FIXTURE_CONVID)}`,
    pretendToBeVisual: true,
  });
  return { dom, doc: dom.window.document };
}
