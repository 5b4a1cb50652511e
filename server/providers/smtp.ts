import type { Socket } from 'node:net';
import { createTransport } from 'nodemailer';
import { mapSmtpError } from './error-mapping';
import { buildMime } from './mime';
import type { EmailProvider, SendResult } from './provider';

export interface SmtpSettings {
  host: string;
  port: number;
  /** Implicit TLS (port 465). Without it, STARTTLS is used whenever the server offers it. */
  secure?: boolean | undefined;
  user?: string | undefined;
  password?: string | undefined;
  /** Refuse to send (and to log in) unless the session is encrypted. */
  requireTls?: boolean | undefined;
  /** PEM of a private CA that signed the server's certificate (on-premises relays). */
  ca?: string | undefined;
}

export interface SmtpDeps {
  now: () => Date;
  /** Timeouts in ms; the defaults keep one hung server from holding a send lease for minutes. */
  timeouts?: { connection?: number; greeting?: number; socket?: number } | undefined;
  /**
   * Opens each connection (net-guard's `connect`: the host's addresses are checked every time).
   * Without it nodemailer connects by itself, which only tests of the transport itself should use.
   */
  connect?: ((host: string, port: number, timeoutMs?: number) => Promise<Socket>) | undefined;
}

/**
 * nodemailer's SMTP transport with the prebuilt MIME (`raw` + explicit envelope), so what the
 * server receives is exactly what buildMime produced. No reconcile: SMTP has no way to ask a
 * server whether it took a message, so a lost outcome is parked as unknown by the caller.
 */
export function createSmtpProvider(settings: SmtpSettings, deps: SmtpDeps): EmailProvider {
  const transport = createTransport({
    host: settings.host,
    port: settings.port,
    secure: settings.secure ?? false,
    requireTLS: settings.requireTls ?? false,
    ...(settings.user ? { auth: { user: settings.user, pass: settings.password ?? '' } } : {}),
    ...(settings.ca ? { tls: { ca: settings.ca } } : {}),
    connectionTimeout: deps.timeouts?.connection ?? 15_000,
    greetingTimeout: deps.timeouts?.greeting ?? 15_000,
    socketTimeout: deps.timeouts?.socket ?? 60_000,
    logger: false,
    ...(deps.connect && {
      getSocket: (
        _options: unknown,
        callback: (err: Error | null, socket?: { connection: Socket }) => void,
      ) => {
        const connect = deps.connect as NonNullable<SmtpDeps['connect']>;
        connect(settings.host, settings.port, deps.timeouts?.connection ?? 15_000).then(
          (connection) => callback(null, { connection }),
          (error: Error) => callback(error),
        );
      },
    }),
  });

  return {
    name: 'smtp',
    async send(email, signal): Promise<SendResult> {
      try {
        const raw = await buildMime(email, deps.now());
        const info = await transport.sendMail({
          envelope: { from: email.from.address, to: [email.to.address] },
          raw,
          ...(signal ? { signal } : {}),
        });
        if (info.rejected.length > 0) {
          // One recipient per message, so a partial acceptance cannot happen; refuse to guess if it does.
          throw Object.assign(new Error(`recipient rejected: ${info.rejected.join(', ')}`), {
            code: 'EENVELOPE',
            response: info.rejectedErrors?.[0]?.response,
            responseCode: info.rejectedErrors?.[0]?.responseCode,
          });
        }
        const result: SendResult = { messageId: info.serverMessageId ?? email.messageId };
        const queueId = /queued as ([^\s]+)/i.exec(info.response)?.[1];
        if (queueId) result.providerMessageId = queueId;
        return result;
      } catch (error) {
        throw mapSmtpError(error);
      }
    },
  };
}
