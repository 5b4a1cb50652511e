import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { mailboxes } from '../../../server/db/schema';
import { sealJson } from '../../../server/domain/mailboxes/secret-box';
import { createProviderRegistry, staleEntries } from '../../../server/scheduler/provider-registry';
import { useTestApp } from '../helpers/test-app';
import { backends } from '../helpers/test-database';
import { harness } from './scheduler-harness';

const KEY = Buffer.alloc(32, 9);
const PRUNE_EVERY_MS = 60_000;

describe('staleEntries', () => {
  it('names cached mailboxes that are gone or sealed with other credentials', () => {
    const cached = new Map([
      ['kept', { sealed: 's1' }],
      ['gone', { sealed: 's2' }],
      ['rekeyed', { sealed: 's3' }],
      ['unsealed', { sealed: null }],
    ]);
    const current = new Map<string, string | null>([
      ['kept', 's1'],
      ['rekeyed', 's3-new'],
      ['unsealed', null],
    ]);
    expect(staleEntries(cached, current)).toEqual(['gone', 'rekeyed']);
  });
});

describe.each(backends)('provider registry on %s', (backend) => {
  const t = useTestApp(backend);
  const db = () => t.db.database.db;
  const row = async (id: string) => {
    const [r] = await db().select().from(mailboxes).where(eq(mailboxes.id, id));
    if (!r) throw new Error(`no mailbox ${id}`);
    return r;
  };
  const registry = () =>
    createProviderRegistry({
      db: db(),
      secretKey: KEY,
      dataDir: '/tmp/stride-test',
      fetch: globalThis.fetch,
      now: t.clock.now,
      pruneEveryMs: PRUNE_EVERY_MS,
    });

  it('drops the providers of deleted and re-credentialed mailboxes, keeps the rest', async () => {
    const h = await harness(t);
    const sealed = () => h.mailbox({ settingsEncrypted: sealJson(KEY, {}) });
    const [kept, deleted, rekeyed] = [await sealed(), await sealed(), await sealed()];
    const providerFor = registry();
    const first = new Map<string, unknown>();
    for (const id of [kept, deleted, rekeyed]) first.set(id, providerFor(await row(id)));
    expect(providerFor.size).toBe(3);
    expect(providerFor(await row(kept))).toBe(first.get(kept));

    await db().delete(mailboxes).where(eq(mailboxes.id, deleted));
    await db()
      .update(mailboxes)
      .set({ settingsEncrypted: sealJson(KEY, { reconnected: true }) })
      .where(eq(mailboxes.id, rekeyed));
    expect(await providerFor.prune()).toBe(2);
    expect(providerFor.size).toBe(1);
    expect(providerFor(await row(kept))).toBe(first.get(kept));
    // The reconnected mailbox gets a client for its new credentials when it next sends.
    const fresh = providerFor(await row(rekeyed));
    expect(fresh).not.toBe(first.get(rekeyed));
    expect(providerFor.size).toBe(2);
    expect(await providerFor.prune()).toBe(0);
  });

  it('prunes by itself once the interval has passed, without holding up the send', async () => {
    const h = await harness(t);
    const [a, b] = [await h.mailbox(), await h.mailbox()];
    const providerFor = registry();
    providerFor(await row(a));
    const bRow = await row(b);
    providerFor(bRow);
    await db().delete(mailboxes).where(eq(mailboxes.id, b));

    // Within the interval nothing is checked: the deleted mailbox's provider is still held.
    t.clock.advance(PRUNE_EVERY_MS - 1);
    providerFor(await row(a));
    expect(providerFor.size).toBe(2);

    t.clock.advance(1);
    providerFor(await row(a));
    // The call started a prune in the background; awaiting prune() joins that same run.
    expect(await providerFor.prune()).toBe(1);
    expect(providerFor.size).toBe(1);
  });
});
