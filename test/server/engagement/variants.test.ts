import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { emails } from '../../../server/db/schema';
import { recordActivity } from '../../../server/domain/activity';
import type { EmailProvider } from '../../../server/providers/provider';
import { createSandboxProvider, outboxFileName } from '../../../server/providers/sandbox';
import { createSmtpProvider } from '../../../server/providers/smtp';
import type { SchedulerDeps } from '../../../server/scheduler/scheduler-config';
import { runTick } from '../../../server/scheduler/worker';
import { pickVariant } from '../../../shared/variants/pick-variant';
import { useTestApp } from '../helpers/test-app';
import { backends } from '../helpers/test-database';
import { findPart, type MimePart, parseMime } from '../providers/helpers/parse-mime';
import {
  SMTP_PASSWORD,
  SMTP_USER,
  type SmtpStandIn,
  startSmtpStandIn,
} from '../providers/stand-ins/smtp-server';
import { harness } from '../scheduler/scheduler-harness';

const MONDAY_9_NY = '2026-11-23T14:00:00Z';
type EmailRow = typeof emails.$inferSelect;

const VARIANTS = [
  { id: 'short', subject: 'Quick one, {{firstName}}', body: 'Short version for {{firstName}}.' },
  // No subject of its own: the step's subject goes out.
  { id: 'long', body: '<p>The <strong>long</strong> version for {{firstName}}.</p>', weight: 2 },
];

describe.each(backends)('A/B variants through real providers (%s)', (backend) => {
  const t = useTestApp(backend, { now: MONDAY_9_NY });
  let dataDir = '';
  let smtp: SmtpStandIn;
  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'stride-variants-'));
    smtp = await startSmtpStandIn();
  });
  afterAll(async () => {
    await smtp.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  /** Enrolls `n` contacts into a one-step sequence with `variants` and sends through `provider`. */
  async function sendThrough(provider: EmailProvider, variants: unknown[], n: number) {
    const h = await harness(t);
    const deps: SchedulerDeps = { ...h.deps(), providerFor: () => provider };
    const mailbox = await h.mailbox();
    const contacts = [];
    for (let i = 0; i < n; i++) contacts.push(await h.contact());
    const seq = await h.sequence({
      steps: [{ type: 'auto_email', waitMinutes: 0, subject: 'Step subject', body: 'Step body', variants }],
    });
    const enrollmentIds = await h.enroll(seq.id, contacts, [mailbox]);
    for (let i = 0; i < 5; i++) await runTick(t.db.database.db, deps, h.config);
    const sent: EmailRow[] = [];
    for (const id of enrollmentIds) sent.push(...(await h.emailsOf(id)));
    return { seq, sent, stepId: seq.steps[0]?.id as string, h };
  }

  function expectVariantText(email: EmailRow, mime: MimePart, stepId: string) {
    expect(email.status).toBe('sent');
    const chosen = pickVariant(
      VARIANTS.map((v) => ({ ...v })),
      email.enrollmentId as string,
      stepId,
    );
    expect(email.variantId).toBe(chosen?.id);
    const text = findPart(mime, 'text/plain')?.body ?? '';
    const html = findPart(mime, 'text/html')?.body ?? '';
    if (email.variantId === 'short') {
      expect(mime.header('subject')).toMatch(/^Quick one, Pat\d+$/);
      expect(text).toMatch(/^Short version for Pat\d+\./);
    } else {
      expect(mime.header('subject')).toBe('Step subject');
      expect(html).toContain('<strong>long</strong>');
      expect(text).toMatch(/The long version for Pat\d+\./);
    }
    expect(text).not.toContain('Step body');
  }

  it('sends each enrollment its variant through the sandbox provider, and the email carries variantId', async () => {
    const { sent, stepId } = await sendThrough(
      createSandboxProvider({ dataDir, now: t.clock.now }),
      VARIANTS,
      6,
    );
    expect(sent).toHaveLength(6);
    for (const email of sent) {
      const file = join(dataDir, 'outbox', outboxFileName(email.messageId as string));
      expectVariantText(email, parseMime(await readFile(file)), stepId);
    }
    // The API shows the variant on the email, as the contract says.
    const shown = await t.call('GET', `/api/emails/${sent[0]?.id}`);
    expect(shown.status).toBe(200);
    expect(shown.body.variantId).toBe(sent[0]?.variantId);
  });

  it('sends each enrollment its variant over SMTP', async () => {
    const provider = createSmtpProvider(
      { host: '127.0.0.1', port: smtp.port, user: SMTP_USER, password: SMTP_PASSWORD },
      { now: t.clock.now, timeouts: { connection: 5_000, greeting: 5_000, socket: 10_000 } },
    );
    const before = smtp.received.length;
    const { sent, stepId } = await sendThrough(provider, VARIANTS, 6);
    const received = smtp.received.slice(before).map((m) => parseMime(m.raw));
    expect(received).toHaveLength(6);
    for (const email of sent) {
      const mime = received.find((m) => m.header('message-id') === email.messageId) as MimePart;
      expectVariantText(email, mime, stepId);
    }
  });

  it('gives a paused variant no new enrollments ("pick the winner") while earlier emails keep theirs', async () => {
    const sandbox = createSandboxProvider({ dataDir, now: t.clock.now });
    const { seq, sent, stepId, h } = await sendThrough(sandbox, VARIANTS, 6);
    const r = await t.call('PATCH', `/api/sequences/${seq.id}/steps/${stepId}`, {
      body: { variants: [{ ...VARIANTS[0], active: false }, VARIANTS[1]] },
    });
    expect(r.status).toBe(200);
    expect(r.body.steps[0].variants).toEqual([
      { id: 'short', subject: 'Quick one, {{firstName}}', body: VARIANTS[0]?.body, weight: 1, active: false },
      { id: 'long', subject: null, body: VARIANTS[1]?.body, weight: 2, active: true },
    ]);
    const later = [];
    for (let i = 0; i < 6; i++) later.push(await h.contact());
    const mailbox = await h.mailbox();
    const ids = await h.enroll(seq.id, later, [mailbox]);
    const deps: SchedulerDeps = { ...h.deps(), providerFor: () => sandbox };
    for (let i = 0; i < 5; i++) await runTick(t.db.database.db, deps, h.config);
    for (const id of ids) {
      const [email] = await h.emailsOf(id);
      expect(email?.status).toBe('sent');
      expect(email?.variantId).toBe('long');
    }
    // Emails already sent keep the variant they went out with.
    for (const e of sent) {
      const [again] = await h.emailsOf(e.enrollmentId as string);
      expect(again?.variantId).toBe(e.variantId);
    }
  });

  it('reports sent, replied, human clicks, bounced and unsubscribed per step and variant', async () => {
    const { seq, sent, stepId } = await sendThrough(
      createSandboxProvider({ dataDir, now: t.clock.now }),
      VARIANTS,
      6,
    );
    const db = t.db.database.db;
    const [first, second, third] = sent as [EmailRow, EmailRow, EmailRow];
    await recordActivity(db, {
      teamId: first.teamId,
      kind: 'email.replied',
      contactId: first.contactId,
      enrollmentId: first.enrollmentId,
      emailId: first.id,
      at: t.clock.now(),
      data: {},
    });
    await recordActivity(db, {
      teamId: second.teamId,
      kind: 'contact.unsubscribed',
      contactId: second.contactId,
      emailId: second.id,
      at: t.clock.now(),
      data: { source: 'link' },
    });
    // Two human clicks count; bot clicks never do.
    await db.update(emails).set({ clicks: 2, botClicks: 5 }).where(eq(emails.id, third.id));
    const r = await t.call('GET', `/api/sequences/${seq.id}/report`);
    expect(r.status).toBe(200);
    const [step] = r.body.steps;
    expect(step.stepId).toBe(stepId);
    const expected = (id: string) => {
      const mine = sent.filter((e) => e.variantId === id);
      const replied = mine.filter((e) => e.id === first.id).length;
      return {
        variantId: id,
        label: id === 'short' ? 'Variant A' : 'Variant B',
        active: true,
        sent: mine.length,
        replied,
        clicked: mine.filter((e) => e.id === third.id).length,
        clicks: 2 * mine.filter((e) => e.id === third.id).length,
        bounced: 0,
        unsubscribed: mine.filter((e) => e.id === second.id).length,
        replyRate: mine.length ? replied / mine.length : 0,
      };
    };
    expect(step.variants).toEqual([expected('short'), expected('long')]);
    // Six emails can never make a difference significant: no verdict.
    expect(step.verdict).toBeUndefined();
  });

  it('refuses bad variants with the failing fields', async () => {
    await harness(t);
    const bad = async (variants: unknown[], type = 'auto_email') =>
      t.call('POST', '/api/sequences', {
        body: { name: 'Bad', steps: [{ type, waitMinutes: 0, subject: 'S', body: 'B', variants }] },
      });
    const twice = await bad([
      { id: 'a', body: 'one' },
      { id: 'a', body: 'two' },
    ]);
    expect(twice.status).toBe(400);
    expect(JSON.stringify(twice.body)).toContain('steps.0.variants.1.id');
    const zero = await bad([{ body: 'one', weight: 0 }]);
    expect(zero.status).toBe(400);
    expect(JSON.stringify(zero.body)).toContain('weight');
    const empty = await bad([{ body: '<p>&nbsp;</p>' }]);
    expect(empty.status).toBe(400);
    expect(JSON.stringify(empty.body)).toContain('steps.0.variants.0.body');
    const broken = await bad([{ body: 'Hi {{firstName' }]);
    expect(broken.status).toBe(400);
    expect(JSON.stringify(broken.body)).toContain('steps.0.variants.0.body');
    const tooLong = await bad([{ body: 'x'.repeat(100_001) }]);
    expect(tooLong.status).toBe(400);
    const onCall = await bad([{ body: 'call script' }], 'call');
    expect(onCall.status).toBe(400);
    expect(JSON.stringify(onCall.body)).toContain('steps.0.variants');
  });
});
