/**
 * Where each host integration runs: the content scripts' matches and the manifest's host permissions
 * both come from here. Outlook on the web is served at four origins: Microsoft 365 work accounts at
 * outlook.office.com, outlook.office365.com and (since 2024) outlook.cloud.microsoft; personal
 * accounts at outlook.live.com.
 */
export const OUTLOOK_MATCHES = [
  'https://outlook.office.com/*',
  'https://outlook.office365.com/*',
  'https://outlook.live.com/*',
  'https://outlook.cloud.microsoft/*',
];

export const GMAIL_MATCHES = ['https://mail.google.com/*'];
