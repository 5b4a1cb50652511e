import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { steps } from '../../../server/db/schema';
import { RENDER_LIMITS } from '../../../shared/template/render';
import { useTestApp } from '../helpers/test-app';
import { backends } from '../helpers/test-database';
import { harness } from '../scheduler/scheduler-harness';

const MONDAY_9_NY = '2026-11-23T14:00:00Z';
const TOO_LONG = /more than 262,144 characters once its snippets are filled in/;

/*
 * Finding 6: snippets include snippets, so a few small saves expanded into a megabyte email that the
 * server built in memory and sent. Now a save that would do so is refused naming the field, and an
 * email that still fills in too long (saved before the check existed) is held with its own reason
 * while the rest of its batch goes out.
 */
describe.each(backends)('snippet bombs (%s)', (backend) => {
  const t = useTestApp(backend, { now: MONDAY_9_NY });

  /** 2,000 characters; 100 of them (200,000) fit in an email; 10 of those do not. */
  async function buildingBlocks(prefix: string) {
    const unit = await t.call('POST', '/api/snippets', {
      body: { name: `${prefix}unit`, body: 'x'.repeat(2_000) },
    });
    expect(unit.status).toBe(201);
    const hundred = await t.call('POST', '/api/snippets', {
      body: { name: `${prefix}hundred`, body: `{{snippet.${prefix}unit}}`.repeat(100) },
    });
    expect(hundred.status).toBe(201);
    return { unit: unit.body.id as string, hundred: hundred.body.id as string };
  }

  it('refuses snippets, steps and edits that would fill in past the limit, naming the field', async () => {
    const ids = await buildingBlocks('a');
    const bomb = await t.call('POST', '/api/snippets', {
      body: { name: 'abomb', body: '{{snippet.ahundred}}'.repeat(10) },
    });
    expect(bomb.status).toBe(400);
    expect(bomb.body.error.details).toEqual([{ path: 'body', message: expect.stringMatching(TOO_LONG) }]);
    expect(bomb.body.error.message).toMatch(/^body: This body comes to more than/);

    const seqBody = (body: string, subject = 'Hi') => ({
      name: 'Bombed',
      steps: [
        { type: 'auto_email', waitMinutes: 0, subject: 'Hello', body: 'fine' },
        { type: 'auto_email', waitMinutes: 60, subject, body },
      ],
    });
    const seq = await t.call('POST', '/api/sequences', {
      body: seqBody('{{snippet.ahundred}} {{snippet.ahundred}}'),
    });
    expect(seq.status).toBe(400);
    expect(seq.body.error.details).toEqual([
      { path: 'steps.1.body', message: expect.stringMatching(TOO_LONG) },
    ]);
    const subj = await t.call('POST', '/api/sequences', {
      body: seqBody('ok', '{{snippet.aunit}}{{snippet.aunit}}'),
    });
    expect(subj.status).toBe(400);
    expect(subj.body.error.details[0]).toEqual({
      path: 'steps.1.subject',
      message: expect.stringMatching(/more than 2,000 characters/),
    });

    const ok = await t.call('POST', '/api/sequences', { body: seqBody('{{snippet.ahundred}}') });
    expect(ok.status).toBe(201);
    const stepId = ok.body.steps[1].id as string;
    const patch = await t.call('PATCH', `/api/sequences/${ok.body.id}/steps/${stepId}`, {
      body: { body: '{{snippet.ahundred}}{{snippet.ahundred}}' },
    });
    expect(patch.status).toBe(400);
    expect(patch.body.error.details[0].path).toBe('steps.1.body');
    const append = await t.call('POST', `/api/sequences/${ok.body.id}/steps`, {
      body: { type: 'auto_email', waitMinutes: 0, body: '{{snippet.ahundred}}'.repeat(3) },
    });
    expect(append.status).toBe(400);

    // Growing a snippet a saved step includes would push that step past the limit: refused too.
    const grow = await t.call('PATCH', `/api/snippets/${ids.unit}`, { body: { body: 'x'.repeat(3_000) } });
    expect(grow.status).toBe(400);
    expect(grow.body.error.details).toEqual([
      { path: 'body', message: expect.stringMatching(/^With this snippet/) },
    ]);
    // Nothing was stored by any refused save.
    const names = (await t.call('GET', '/api/snippets')).body.items.map((s: { name: string }) => s.name);
    expect(names).not.toContain('abomb');
    const stored = (await t.call('GET', `/api/snippets/${ids.unit}`)).body.body as string;
    expect(stored).toBe('x'.repeat(2_000));
    const [step] = await t.db.database.db.select().from(steps).where(eq(steps.id, stepId));
    expect(step?.body).toBe('{{snippet.ahundred}}');
  });

  it('refuses a manual email whose edited draft fills in past the limit', async () => {
    await buildingBlocks('m');
    const h = await harness(t);
    const seq = await t.call('POST', '/api/sequences', {
      body: {
        name: 'Manual',
        active: true,
        steps: [{ type: 'manual_email', waitMinutes: 0, subject: 'Hi', body: 'Hi' }],
      },
    });
    expect(seq.status).toBe(201);
    const contact = await h.contact();
    await h.enroll(seq.body.id, [contact], [await h.mailbox()]);
    await h.drain();
    const tasks = (await t.call('GET', `/api/tasks?status=open&contactId=${contact}`)).body.items;
    expect(tasks).toHaveLength(1);
    const done = await t.call('POST', `/api/tasks/${tasks[0].id}/complete`, {
      body: { body: '{{snippet.mhundred}}'.repeat(2) },
    });
    expect(done.status).toBe(400);
    expect(done.body.error.details).toEqual([{ path: 'body', message: expect.stringMatching(TOO_LONG) }]);
    const still = (await t.call('GET', `/api/tasks?status=open&contactId=${contact}`)).body.items;
    expect(still).toHaveLength(1);
  });

  it('holds an email that still fills in too long with its own reason, and sends the rest of the batch', async () => {
    await buildingBlocks('s');
    const h = await harness(t);
    const bombed = await h.sequence();
    const healthy = await h.sequence();
    // As if saved before the save-time check existed.
    await t.db.database.db
      .update(steps)
      .set({ body: `Hi {{firstName}} ${'{{snippet.shundred}}'.repeat(10)}` })
      .where(eq(steps.id, bombed.steps[0]!.id));
    const mailbox = await h.mailbox();
    const [a, b] = [await h.contact(), await h.contact()];
    const [c, d] = [await h.contact(), await h.contact()];
    const bombedEnr = await h.enroll(bombed.id, [a, b], [mailbox]);
    const healthyEnr = await h.enroll(healthy.id, [c, d], [mailbox]);

    const preflight = await t.call('POST', '/api/preflight', {
      body: { contactId: a, sequenceId: bombed.id, stepId: bombed.steps[0]!.id },
    });
    expect(preflight.status).toBe(200);
    expect(preflight.body.ok).toBe(false);
    expect(preflight.body.reasons).toContainEqual({
      code: 'other',
      message: expect.stringMatching(/longer than Stride sends/),
      resolution: expect.stringMatching(/Shorten the snippets/),
      detail: `Too long once filled in: the body passes ${RENDER_LIMITS.body.toLocaleString('en-US')} characters.`,
    });

    await h.drain();
    for (const id of bombedEnr) {
      const [email] = await h.emailsOf(id);
      expect(email).toMatchObject({ status: 'not_sent', reason: 'other' });
      expect(email?.detail).toMatch(/Too long once filled in: the body passes/);
    }
    for (const id of healthyEnr) expect((await h.emailsOf(id))[0]).toMatchObject({ status: 'sent' });
    expect(h.provider.sent).toHaveLength(2);
    for (const sent of h.provider.sent) expect(sent.html?.length ?? 0).toBeLessThan(RENDER_LIMITS.body);

    const list = await t.call('GET', `/api/emails?contactId=${a}`);
    expect(list.status).toBe(200);
    expect(list.body.items[0]).toMatchObject({ status: 'not_sent', reason: 'other' });
  });
});
