/**
 * Where Stride saw the message or event behind a history entry, from the `seenIn` the server records:
 * the rep's mail page (`page`, with the host it ran in), a mailbox sync (`sync`), or a sending
 * provider's webhook (`webhook`). Older rows carry no `seenIn`; they read as nothing rather than a guess.
 */
const HOST_WORDS: Record<string, string> = {
  gmail: 'Gmail',
  outlook: 'Outlook',
  imap: 'the mail page',
};

const PROVIDER_WORDS: Record<string, string> = {
  sendgrid: 'SendGrid',
  mailgun: 'Mailgun',
};

const JUNK = /junk|spam|bulk/i;

const str = (v: unknown) => (typeof v === 'string' && v ? v : undefined);

export function seenInWords(seenIn: unknown, host: string | undefined): string | undefined {
  if (!seenIn || typeof seenIn !== 'object') return undefined;
  const s = seenIn as Record<string, unknown>;
  switch (s.via) {
    case 'page':
      return `seen in ${(host && HOST_WORDS[host]) ?? 'the mail page'}`;
    case 'sync': {
      const address = str(s.address);
      const folder = str(s.folder);
      const junk = folder && JUNK.test(folder) ? ' (in its junk folder)' : '';
      return `seen in the mailbox${address ? ` ${address}` : ''}${junk} (sync)`;
    }
    case 'webhook': {
      const source = str(s.source);
      return `Reported by ${(source && PROVIDER_WORDS[source]) ?? 'the sending provider'} (webhook)`;
    }
    default:
      return undefined;
  }
}
