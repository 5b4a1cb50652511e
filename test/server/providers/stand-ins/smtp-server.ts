import type { AddressInfo } from 'node:net';
import { SMTPServer, type SMTPServerOptions } from 'smtp-server';

export interface ReceivedMessage {
  from: string;
  to: string[];
  raw: string;
  user: string | undefined;
  secure: boolean;
}

export const SMTP_USER = 'ann@sender.test';
export const SMTP_PASSWORD = 'correct horse battery staple';

/** Recipients that make the server answer like a real MTA does for that case. */
export const RCPT = {
  unknown: 'unknown@recipient.test',
  busy: 'busy@recipient.test',
  spamtrap: 'spamtrap@recipient.test',
} as const;

function reply(code: number, message: string): Error {
  return Object.assign(new Error(message), { responseCode: code });
}

export interface SmtpStandIn {
  port: number;
  received: ReceivedMessage[];
  /** When set, every new connection is greeted with 421 (server overloaded). */
  refuseConnections: boolean;
  close(): Promise<void>;
}

/**
 * A real SMTP server (smtp-server) on 127.0.0.1 with AUTH required. Enhanced status codes are
 * left to the reply text so the wording is exactly the one under test.
 */
export async function startSmtpStandIn(tls: Partial<SMTPServerOptions> = {}): Promise<SmtpStandIn> {
  const state = { received: [] as ReceivedMessage[], refuseConnections: false };
  const plain = !tls.key;
  const server = new SMTPServer({
    authOptional: false,
    // Plain-text AUTH is only acceptable here because the test server never leaves loopback.
    allowInsecureAuth: plain,
    disabledCommands: plain ? ['STARTTLS'] : [],
    hideENHANCEDSTATUSCODES: true,
    logger: false,
    ...tls,
    onConnect(_session, callback) {
      if (state.refuseConnections) return callback(reply(421, '4.7.0 Too many connections, try again later'));
      callback();
    },
    onAuth(auth, _session, callback) {
      if (auth.username === SMTP_USER && auth.password === SMTP_PASSWORD)
        return callback(null, { user: auth.username });
      callback(reply(535, '5.7.8 Authentication credentials invalid'));
    },
    onRcptTo(address, _session, callback) {
      if (address.address === RCPT.unknown) return callback(reply(550, '5.1.1 User Unknown'));
      if (address.address === RCPT.busy) return callback(reply(451, '4.3.0 Mailbox temporarily unavailable'));
      callback();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        const to = session.envelope.rcptTo.map((r) => r.address);
        if (to.includes(RCPT.spamtrap)) return callback(reply(554, 'Sorry, message looks like SPAM to me'));
        state.received.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          to,
          raw: Buffer.concat(chunks).toString('utf8'),
          user: typeof session.user === 'string' ? session.user : undefined,
          secure: session.secure,
        });
        callback(null, 'OK: queued as 7F3A2B');
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.server.address() as AddressInfo;
  return {
    port,
    get received() {
      return state.received;
    },
    get refuseConnections() {
      return state.refuseConnections;
    },
    set refuseConnections(value: boolean) {
      state.refuseConnections = value;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
