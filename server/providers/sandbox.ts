import { createHash, randomUUID } from 'node:crypto';
import { access, mkdir, open, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { toProviderError } from './error-mapping';
import { assertMessageId, buildMime } from './mime';
import { type EmailProvider, ProviderError, type ReconcileResult, type SendResult } from './provider';

export interface SandboxDeps {
  /** STRIDE_DATA_DIR: the outbox is `<dataDir>/outbox/`. */
  dataDir: string;
  now: () => Date;
}

/**
 * The file name a Message-ID maps to. Deterministic, so reconcile can find the file; a hash is
 * added whenever characters were replaced, so two ids never share a file.
 */
export function outboxFileName(messageId: string): string {
  assertMessageId(messageId);
  const inner = messageId.slice(1, -1);
  const safe = inner
    .replace(/[^A-Za-z0-9._@+-]/g, '_')
    .replace(/^\.+/, '_')
    .slice(0, 150);
  const suffix =
    safe === inner ? '' : `-${createHash('sha256').update(messageId).digest('hex').slice(0, 12)}`;
  return `${safe}${suffix}.eml`;
}

async function exists(path: string): Promise<boolean> {
  try {
    await access(path);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw error;
  }
}

/**
 * Delivers to `.eml` files. Idempotent by Message-ID: a second send of the same id finds the file
 * and reports success without writing, which is the exactly-once property the real providers lack.
 */
export function createSandboxProvider(deps: SandboxDeps): EmailProvider {
  const outbox = join(deps.dataDir, 'outbox');

  async function send(
    email: Parameters<EmailProvider['send']>[0],
    signal?: AbortSignal,
  ): Promise<SendResult> {
    try {
      if (signal?.aborted) throw new ProviderError({ kind: 'transient', detail: 'aborted before writing' });
      const name = outboxFileName(email.messageId);
      const target = join(outbox, name);
      await mkdir(outbox, { recursive: true });
      if (await exists(target)) return { messageId: email.messageId, providerMessageId: name };
      const mime = await buildMime(email, deps.now());
      // Readers (tests, a developer's mail client) must never see half a message: write, flush, rename.
      const temp = join(outbox, `.${name}.${randomUUID()}.tmp`);
      const handle = await open(temp, 'wx');
      try {
        await handle.writeFile(mime);
        await handle.sync();
      } finally {
        await handle.close();
      }
      try {
        await rename(temp, target);
      } catch (error) {
        await rm(temp, { force: true });
        throw error;
      }
      return { messageId: email.messageId, providerMessageId: name };
    } catch (error) {
      throw toProviderError(error);
    }
  }

  async function reconcile(messageId: string): Promise<ReconcileResult> {
    try {
      return (await exists(join(outbox, outboxFileName(messageId)))) ? 'sent' : 'not_found';
    } catch {
      return 'unknown';
    }
  }

  return { name: 'sandbox', send, reconcile };
}
