import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ProviderError } from '../../../server/providers/provider';
import { createSandboxProvider, outboxFileName } from '../../../server/providers/sandbox';
import { FIXED_NOW, sampleEmail } from './helpers/emails';
import { findPart, parseMime } from './helpers/parse-mime';

let dataDir: string;

beforeEach(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'stride-sandbox-'));
});
afterEach(async () => {
  await rm(dataDir, { recursive: true, force: true });
});

describe('sandbox provider', () => {
  it('writes one parseable .eml per send into <dataDir>/outbox, named from the Message-ID', async () => {
    const provider = createSandboxProvider({ dataDir, now: () => FIXED_NOW });
    const email = sampleEmail({ inReplyTo: '<first@stride.test>', references: ['<first@stride.test>'] });
    const result = await provider.send(email);

    const files = await readdir(join(dataDir, 'outbox'));
    expect(files).toEqual([outboxFileName(email.messageId)]);
    expect(result).toEqual({ messageId: email.messageId, providerMessageId: files[0] });
    const mime = parseMime(await readFile(join(dataDir, 'outbox', files[0]!)));
    expect(mime.header('message-id')).toBe(email.messageId);
    expect(mime.header('in-reply-to')).toBe('<first@stride.test>');
    expect(mime.header('list-unsubscribe-post')).toBe('List-Unsubscribe=One-Click');
    expect(mime.header('x-stride-email-id')).toBe(email.correlationId);
    expect(findPart(mime, 'text/plain')?.body).toContain('-- \r\nAnn Rep');
  });

  it('is idempotent by Message-ID: a second send neither rewrites nor adds a file', async () => {
    const provider = createSandboxProvider({ dataDir, now: () => FIXED_NOW });
    const email = sampleEmail();
    await provider.send(email);
    await provider.send({ ...email, text: 'a different body on the retry' });
    const files = await readdir(join(dataDir, 'outbox'));
    expect(files).toHaveLength(1);
    const stored = await readFile(join(dataDir, 'outbox', files[0]!), 'utf8');
    expect(stored).toContain('are you the right person');
    expect(stored).not.toContain('a different body');
  });

  it('reconciles by file existence', async () => {
    const provider = createSandboxProvider({ dataDir, now: () => FIXED_NOW });
    const email = sampleEmail();
    expect(await provider.reconcile?.(email.messageId)).toBe('not_found');
    await provider.send(email);
    expect(await provider.reconcile?.(email.messageId)).toBe('sent');
  });

  it('keeps file names safe and distinct for ids with unusual characters', () => {
    const a = outboxFileName('<a/b@x.test>');
    const b = outboxFileName('<a:b@x.test>');
    expect(a).toMatch(/^a_b@x\.test-[0-9a-f]{12}\.eml$/);
    expect(b).toMatch(/^a_b@x\.test-[0-9a-f]{12}\.eml$/);
    expect(a).not.toBe(b);
    expect(outboxFileName('<../../etc@x.test>')).not.toContain('/');
    expect(outboxFileName('<plain-id@x.test>')).toBe('plain-id@x.test.eml');
  });

  it('writes nothing when the signal is already aborted, and leaves no temp files behind', async () => {
    const provider = createSandboxProvider({ dataDir, now: () => FIXED_NOW });
    const controller = new AbortController();
    controller.abort();
    const error = await provider.send(sampleEmail(), controller.signal).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ProviderError);
    expect(error).toMatchObject({ kind: 'transient', mayHaveSent: false });
    await provider.send(sampleEmail());
    const files = await readdir(join(dataDir, 'outbox'));
    expect(files.filter((name) => name.endsWith('.tmp'))).toEqual([]);
    expect(files).toHaveLength(1);
  });

  it('reports an invalid email as other instead of writing it', async () => {
    const provider = createSandboxProvider({ dataDir, now: () => FIXED_NOW });
    await expect(provider.send(sampleEmail({ messageId: 'no-brackets' }))).rejects.toMatchObject({
      kind: 'unknown',
      reason: 'other',
    });
  });
});
