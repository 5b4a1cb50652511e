import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import {
  appendFile,
  chmod,
  chown,
  mkdtemp,
  readdir,
  readFile,
  rm,
  unlink,
  writeFile,
} from 'node:fs/promises';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { ImapFlow } from 'imapflow';
import { closedPort } from '../../providers/stand-ins/serve';

export const DOVECOT = '/usr/sbin/dovecot';
/** Why the real-IMAP tests are skipped, or null when Dovecot is there to run them. */
export const dovecotMissing = existsSync(DOVECOT)
  ? null
  : `${DOVECOT} is missing: install Debian's dovecot-imapd (.ci/run does) to run the IMAP sync tests`;

export interface RunningDovecot {
  host: string;
  port: number;
  dir: string;
  addUser(user: string, password: string): Promise<void>;
  /** Delivers a message into a folder as the mail server would (APPEND as the user). */
  deliver(user: string, password: string, folder: string, raw: string): Promise<number>;
  /** Renumbers a folder's UIDs (a new UIDVALIDITY), as a server restore or a rebuilt index does. */
  renumber(user: string, folder: string): Promise<void>;
  /** Drops every open IMAP connection (the server restarts with the same mail). */
  restart(): Promise<void>;
  /** Seen flags of every message in a folder, to check that a sync never marks mail read. */
  flags(user: string, password: string, folder: string): Promise<string[][]>;
  stop(): Promise<void>;
}

/**
 * Runs Debian's Dovecot from a config in a temp directory: IMAP only, plaintext on 127.0.0.1 at a
 * free port, users in a passwd-file, Maildir under the temp directory. As root (CI) mail is owned by
 * `nobody`; as anyone else, by that user, so no privileges are needed.
 */
export async function startDovecot(): Promise<RunningDovecot> {
  const dir = await mkdtemp(join(tmpdir(), 'stride-dovecot-'));
  const port = await closedPort();
  const root = process.getuid?.() === 0;
  const me = userInfo();
  const owner = root ? 'nobody' : me.username;
  const group = root ? 'nogroup' : (execFileSync('id', ['-gn']).toString().trim() as string);
  await chmod(dir, 0o755);
  for (const sub of ['run', 'state', 'mail']) {
    const path = join(dir, sub);
    await import('node:fs/promises').then((fs) => fs.mkdir(path));
    if (root) await chown(path, 65534, 65534);
  }
  await writeFile(join(dir, 'users'), '');
  const conf = join(dir, 'dovecot.conf');
  await writeFile(
    conf,
    `base_dir = ${dir}/run
state_dir = ${dir}/state
log_path = ${dir}/dovecot.log
protocols = imap
listen = 127.0.0.1
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain login
default_login_user = ${owner}
default_internal_user = ${owner}
first_valid_uid = 1
first_valid_gid = 1
mail_location = maildir:${dir}/mail/%u
service imap-login {
  inet_listener imap {
    address = 127.0.0.1
    port = ${port}
  }
  chroot =
}
service anvil {
  chroot =
}
passdb {
  driver = passwd-file
  args = scheme=PLAIN username_format=%u ${dir}/users
}
userdb {
  driver = static
  args = uid=${owner} gid=${group} home=${dir}/mail/%u
}
namespace inbox {
  inbox = yes
  mailbox Junk {
    special_use = \\Junk
    auto = create
  }
  mailbox Sent {
    special_use = \\Sent
    auto = create
  }
}
`,
  );
  const start = async () => {
    // Right after a stop the old master may still hold its pid file and sockets for a moment.
    for (let attempt = 0; ; attempt++) {
      try {
        execFileSync(DOVECOT, ['-c', conf], { stdio: 'ignore' });
        break;
      } catch (error) {
        if (attempt >= 40) throw error;
        await new Promise((r) => setTimeout(r, 100));
      }
    }
    await waitForPort(port);
  };
  const stopServer = async () => {
    const pid = Number((await readFile(join(dir, 'run', 'master.pid'), 'utf8')).trim());
    process.kill(pid, 'SIGTERM');
    for (let i = 0; i < 100 && alive(pid); i++) await new Promise((r) => setTimeout(r, 50));
    // Its imap and login children close their sockets on their own schedule.
    for (let i = 0; i < 100 && (await listening(port)); i++) await new Promise((r) => setTimeout(r, 50));
  };
  await start();

  const connect = async (user: string, password: string) => {
    const c = new ImapFlow({
      host: '127.0.0.1',
      port,
      secure: false,
      auth: { user, pass: password },
      logger: false,
    });
    c.on('error', () => {});
    await c.connect();
    return c;
  };

  return {
    host: '127.0.0.1',
    port,
    dir,
    async addUser(user, password) {
      await appendFile(join(dir, 'users'), `${user}:{PLAIN}${password}\n`);
    },
    async deliver(user, password, folder, raw) {
      const c = await connect(user, password);
      try {
        const r = await c.append(folder, raw);
        return r ? Number(r.uid) : 0;
      } finally {
        await c.logout();
      }
    },
    async renumber(user, folder) {
      const box = join(dir, 'mail', user, folder === 'INBOX' ? '' : `.${folder}`);
      for (const f of await readdir(box)) {
        if (f.startsWith('dovecot-uidlist') || f.startsWith('dovecot.index')) await unlink(join(box, f));
      }
      // Dovecot takes UIDVALIDITY from the clock: make sure the new one differs from the old.
      await new Promise((r) => setTimeout(r, 1100));
    },
    async restart() {
      await stopServer();
      await start();
    },
    async flags(user, password, folder) {
      const c = await connect(user, password);
      try {
        const lock = await c.getMailboxLock(folder, { readOnly: true });
        try {
          const out: string[][] = [];
          for await (const m of c.fetch('1:*', { flags: true })) out.push([...(m.flags ?? [])]);
          return out;
        } finally {
          lock.release();
        }
      } finally {
        await c.logout();
      }
    },
    async stop() {
      await stopServer().catch(() => {});
      await rm(dir, { recursive: true, force: true });
    },
  };
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function listening(port: number): Promise<boolean> {
  const { connect } = await import('node:net');
  return new Promise<boolean>((resolve) => {
    const s = connect(port, '127.0.0.1');
    s.once('connect', () => {
      s.destroy();
      resolve(true);
    });
    s.once('error', () => resolve(false));
  });
}

async function waitForPort(port: number): Promise<void> {
  for (let i = 0; i < 100; i++) {
    if (await listening(port)) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`Dovecot did not listen on ${port}`);
}
