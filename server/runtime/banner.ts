import { resolve } from 'node:path';
import type { ServerConfig } from '../config';
import type { RunningServer } from '../start-server';

/** What a newcomer needs after `npm start`: where the server is, how to sign in, how to load the extension. */
export function printBanner(
  running: RunningServer,
  config: ServerConfig,
  env: Record<string, string | undefined> = process.env,
): void {
  const signIn = running.admin.generatedPassword
    ? `${running.admin.email} / ${running.admin.generatedPassword}  (generated now, shown once)`
    : config.adminEmail
      ? `${config.adminEmail} / the STRIDE_ADMIN_PASSWORD you set`
      : 'the admin created on the first start (its password was printed then)';
  const lines = [
    '',
    `  Stride is running at ${running.url}  (database: ${running.database.kind})`,
    `  Health:        ${running.url}/health`,
    `  API reference: ${running.url}/docs`,
    `  Sign in:       ${signIn}`,
    '',
    '  Load the extension in Chrome or Chromium:',
    '    1. open chrome://extensions and switch on "Developer mode"',
    `    2. "Load unpacked" and choose ${resolve('.output/chrome-mv3')}`,
    '    3. the Stride options page opens: enter the server URL above and sign in',
    '    4. open Gmail (mail.google.com) or Outlook on the web and open a thread',
    '',
    ...(env.WXT_INBOXSDK_APP_ID
      ? []
      : [
          '  Gmail: this build has no InboxSDK app id, so Stride only says so in Gmail (Outlook works).',
          '    Register an app id at https://www.inboxsdk.com/register, then rebuild with it:',
          '    WXT_INBOXSDK_APP_ID=sdk_yourapp_0123456789 npm start',
          '',
        ]),
    '  Stop with Ctrl+C.',
    '',
  ];
  console.info(lines.join('\n'));
}
