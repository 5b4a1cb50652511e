import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { mailboxes } from '../../../server/db/schema';
import { createNetGuard } from '../../../server/net/net-guard';
import { createMailSource } from '../../../server/sync/source-for';
import { useTestApp } from '../helpers/test-app';
import { backends } from '../helpers/test-database';
import { createGmailStandIn, GOOGLE_CLIENT } from '../providers/stand-ins/gmail';
import { createGraphStandIn } from '../providers/stand-ins/graph';
import { useApiStandIn } from './helpers/api-stand-in';
import { MONDAY } from './helpers/sync-world';

/** Sync reads reach provider hosts through the same SSRF guard as sends (server/net/net-guard.ts). */
const guards = (operatorAllowsInternal: boolean) => {
  const publicOnly = createNetGuard({ allowInternal: false });
  return {
    public: publicOnly,
    internal: operatorAllowsInternal ? createNetGuard({ allowInternal: true }) : publicOnly,
  };
};

describe.each(backends)('sync reads go through the net guard (%s)', (backend) => {
  const t = useTestApp(backend, { now: MONDAY });
  const gmail = createGmailStandIn({ accessToken: 'ya29.guard', refreshToken: '1//guard' });
  const graph = createGraphStandIn({ accessToken: 'EwB.guard', refreshToken: 'M.C5.guard' });
  const common = { sourceDeps: { netGuards: guards(true) } };
  const g = useApiStandIn(t, gmail, {
    ...common,
    provider: 'gmail',
    domain: 'guard-gmail.test',
    accessToken: 'ya29.guard',
    refreshToken: '1//guard',
    client: { clientId: GOOGLE_CLIENT.id, clientSecret: GOOGLE_CLIENT.secret },
    onAddress: (address) => {
      gmail.mailbox.state.address = address;
    },
  });
  const o = useApiStandIn(t, graph, {
    ...common,
    provider: 'outlook',
    domain: 'guard-outlook.test',
    accessToken: 'EwB.guard',
    refreshToken: 'M.C5.guard',
    client: { clientId: 'stride-outlook-client' },
  });
  const approve = async (id: string) => {
    const [owner] = await t.db.database.db
      .select({ userId: mailboxes.userId })
      .from(mailboxes)
      .where(eq(mailboxes.id, id));
    await t.db.database.db
      .update(mailboxes)
      .set({ internalHostsApprovedBy: owner?.userId ?? null })
      .where(eq(mailboxes.id, id));
  };

  it.each([
    ['Gmail', g, () => gmail.mailbox.state.reads],
    ['Graph', o, () => graph.mailbox.state.reads],
  ] as const)(
    '%s: an internal apiBaseUrl is refused for reads unless an admin approved it',
    async (_name, h, reads) => {
      const before = reads().length;
      const refused = await h.linked();
      const outcome = await h.w.syncOnce(refused.id);
      expect(outcome).toMatchObject({ state: 'error', error: { kind: 'auth' } });
      // Nothing reached the stand-in: the connection was refused before it was made.
      expect(reads().length).toBe(before);
      const row = await h.w.mailboxRow(refused.id);
      expect(row?.status).toBe('inactive');
      expect(row?.inactiveReason).toMatch(/internal address 127\.0\.0\.1.*public host, or ask an admin/);
      expect((await h.w.syncState(refused.id))?.lastError).toBe(row?.inactiveReason);

      const approved = await h.linked();
      await approve(approved.id);
      expect(await h.w.syncOnce(approved.id)).toMatchObject({ state: 'ok' });
      expect(reads().length).toBeGreaterThan(before);

      // Approval counts only while the operator allows internal hosts (STRIDE_ALLOW_PRIVATE_PROVIDER_HOSTS).
      const off = await h.linked();
      await approve(off.id);
      const outcomeOff = await h.w.syncOnce(off.id, 'worker-1', {
        sourceFor: (m, settings) =>
          createMailSource(m, settings, { fetch, now: t.clock.now, netGuards: guards(false) }),
      });
      expect(outcomeOff).toMatchObject({ state: 'error', error: { kind: 'auth' } });
    },
  );
});
