import { resolve } from 'node:path';
import { defineConfig } from 'wxt';
import { GMAIL_MATCHES, OUTLOOK_MATCHES } from './extension/hosts/host-matches';

// The server the extension talks to until a rep changes it on the options page.
const defaultServerUrl = process.env.WXT_STRIDE_SERVER_URL ?? 'http://127.0.0.1:8787';
// The bundle-size bench builds into its own directory with hidden source maps so it can tell whose
// bytes are whose; the shipped build carries no maps.
const bundleReport = process.env.STRIDE_BUNDLE_REPORT_DIR;
// Tests that need a build configured differently (the Gmail test's InboxSDK app id) build a copy of
// their own elsewhere, so nothing test-only lands in the .output a user loads.
const outDir = bundleReport ?? process.env.STRIDE_BUILD_OUT_DIR ?? '.output';

/*
 * The UI's CSS lives in template strings (styles.ts) injected into each shadow root; squeezing their
 * white space at build time saves about a kilobyte of every mail tab's content script (its budget is
 * 200 KiB) while the source stays readable. Only white space next to `{ } ; : ,` and runs of it go.
 */
const squeezeCss = {
  name: 'stride-squeeze-css',
  transform(code: string, id: string) {
    if (!/extension\/ui\/styles\.ts$/.test(id)) return null;
    return code.replace(/`([^`]*)`/g, (_m, css: string) => {
      const squeezed = css
        .replace(/\s+/g, ' ')
        .replace(/\s*([{};,])\s*/g, '$1')
        .replace(/:\s+/g, ':')
        .replace(/;}/g, '}')
        .trim();
      return `\`${squeezed}\``;
    });
  },
};

export default defineConfig({
  srcDir: 'extension',
  outDir,
  imports: false,
  manifest: {
    name: 'Stride',
    description: 'Sequences, contact status and send guards inside Gmail and Outlook on the web.',
    permissions: ['storage', 'scripting', 'alarms'],
    host_permissions: [...GMAIL_MATCHES, ...OUTLOOK_MATCHES, 'http://127.0.0.1/*', 'http://localhost/*'],
    optional_host_permissions: ['https://*/*', 'http://*/*'],
    web_accessible_resources: [{ resources: ['pageWorld.js'], matches: GMAIL_MATCHES }],
  },
  vite: () => ({
    plugins: [squeezeCss],
    define: { __STRIDE_DEFAULT_SERVER_URL__: JSON.stringify(defaultServerUrl) },
    esbuild: { jsx: 'automatic' },
    build: { sourcemap: bundleReport ? 'hidden' : false },
  }),
  hooks: {
    // InboxSDK injects pageWorld.js from the extension root; it must be copied there verbatim.
    'build:publicAssets': (_wxt, files) => {
      files.push({
        absoluteSrc: resolve('node_modules/@inboxsdk/core/pageWorld.js'),
        relativeDest: 'pageWorld.js',
      });
    },
  },
});
