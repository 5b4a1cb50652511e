import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { activities, emails, trackingEvents } from '../../../server/db/schema';
import { signClickToken } from '../../../server/engagement/tracking-token';
import { createSandboxProvider } from '../../../server/providers/sandbox';
import type { SchedulerDeps } from '../../../server/scheduler/scheduler-config';
import { runTick } from '../../../server/scheduler/worker';
import { useTestApp } from '../helpers/test-app';
import { backends } from '../helpers/test-database';
import { findPart, parseMime } from '../providers/helpers/parse-mime';
import { harness } from '../scheduler/scheduler-harness';

const MONDAY_9_NY = '2026-11-23T14:00:00Z';
const CHROME =
  'Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36';
const BODY =
  '<p>Hi {{firstName}}, see <a href="https://acme.example/pricing?a=1&amp;b=2">pricing</a>, ' +
  '<a href="mailto:rita@acme.example">write to me</a>, <a href="#faq">the FAQ</a> ' +
  'and <a href="https://cal.example/rita">book a call</a>.</p>';

describe.each(backends)('click tracking through the sandbox provider (%s)', (backend) => {
  const t = useTestApp(backend, { now: MONDAY_9_NY });
  let dataDir = '';
  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'stride-clicks-'));
  });
  afterAll(() => rm(dataDir, { recursive: true, force: true }));

  async function sendOne(
    stepOver: Record<string, unknown> = {},
    o: { ruleset?: object; meetingLink?: string } = {},
  ) {
    const h = await harness(t);
    const deps: SchedulerDeps = {
      ...h.deps(),
      providerFor: () => createSandboxProvider({ dataDir, now: t.clock.now }),
      publicUrl: 'http://stride.test',
      trackingUrl: 'https://click.stride.test',
      secretKey: t.deps.config.secretKey,
    };
    const mailbox = await h.mailbox(o.meetingLink ? { meetingLink: o.meetingLink } : {});
    const contact = await h.contact();
    const seq = await h.sequence({
      steps: [
        { type: 'auto_email', waitMinutes: 0, subject: 'Pricing', body: BODY, ...stepOver },
        // A later step keeps the enrollment live, so the engagement rules have something to act on.
        { type: 'auto_email', waitMinutes: 7 * 24 * 60, threadMode: 'reply_previous', body: 'Any thoughts?' },
      ],
      ...(o.ruleset && { ruleset: o.ruleset }),
    });
    const [enrollmentId] = await h.enroll(seq.id, [contact], [mailbox]);
    for (let i = 0; i < 5; i++) await runTick(t.db.database.db, deps, h.config);
    const [email] = await h.emailsOf(enrollmentId as string);
    expect(email?.status).toBe('sent');
    const files = await readdir(join(dataDir, 'outbox'));
    const file = files.find((f) => f.startsWith((email?.messageId ?? '').replace(/^<|>$/g, '').slice(0, 20)));
    const mime = parseMime(await readFile(join(dataDir, 'outbox', file as string)));
    return { email: email as typeof emails.$inferSelect, mime };
  }

  const hrefs = (html: string) => [...html.matchAll(/href="([^"]+)"/g)].map((m) => m[1] as string);
  const get = (url: string, headers: Record<string, string> = {}, method = 'GET') =>
    t.app.request(new URL(url).pathname, { method, headers: { 'user-agent': CHROME, ...headers } });
  const reload = async (id: string) =>
    (await t.db.database.db.select().from(emails).where(eq(emails.id, id)))[0] as typeof emails.$inferSelect;

  it('rewrites the web links of the HTML part, keeps the text part, mailto and anchors, and redirects', async () => {
    const { email, mime } = await sendOne();
    const html = findPart(mime, 'text/html')?.body ?? '';
    const links = hrefs(html);
    const tracked = links.filter((l) => l.startsWith('https://click.stride.test/t/c/'));
    expect(tracked).toHaveLength(2);
    expect(links).toContain('mailto:rita@acme.example');
    expect(links).toContain('#faq');
    expect(html).not.toContain('acme.example/pricing');
    // The plain part keeps the original link; the unsubscribe header stays under the public URL.
    expect(findPart(mime, 'text/plain')?.body).not.toContain('click.stride.test');
    expect(mime.header('list-unsubscribe')).toContain('http://stride.test/api/unsubscribe/');

    t.clock.set(new Date(email.sentAt!.getTime() + 3_600_000));
    const res = await get(tracked[0] as string);
    expect(res.status).toBe(302);
    expect(res.headers.get('location')).toBe('https://acme.example/pricing?a=1&b=2');
    const after = await reload(email.id);
    expect(after).toMatchObject({ clicks: 1, botClicks: 0 });
    expect(after.firstClickedAt?.toISOString()).toBe(t.clock.now().toISOString());
    const acts = await t.db.database.db.select().from(activities).where(eq(activities.emailId, email.id));
    expect(acts.map((a) => a.kind)).toContain('email.clicked');
    const api = await t.call('GET', `/api/emails?enrollmentId=${email.enrollmentId}`);
    expect(api.body.items.find((x: { id: string }) => x.id === email.id)).toMatchObject({
      clicks: 1,
      botClicks: 0,
      firstClickedAt: t.clock.now().toISOString(),
    });
  });

  it('answers 404 to forged or altered tokens and redirects nowhere', async () => {
    const { email, mime } = await sendOne();
    const tracked = hrefs(findPart(mime, 'text/html')?.body ?? '').filter((l) => l.includes('/t/c/'));
    const token = (tracked[0] as string).split('/t/c/')[1] as string;
    const [payload, sig] = token.split('.') as [string, string];
    const evil = Buffer.from(JSON.stringify([email.id, 0, 'https://evil.example'])).toString('base64url');
    for (const bad of [`${evil}.${sig}`, `${payload}.${sig.slice(0, -2)}AA`, payload, 'x']) {
      const res = await t.app.request(`/t/c/${bad}`);
      expect(res.status).toBe(404);
      expect(res.headers.get('location')).toBeNull();
    }
    // Signed with another key: also refused.
    const other = signClickToken(Buffer.alloc(32, 1), {
      emailId: email.id,
      linkIndex: 0,
      url: 'https://evil.example',
    });
    expect((await t.app.request(`/t/c/${other}`)).status).toBe(404);
    expect(await reload(email.id)).toMatchObject({ clicks: 0, botClicks: 0 });
  });

  it('counts scanners, HEAD requests, early clicks and bursts apart from people', async () => {
    const { email, mime } = await sendOne();
    const [a, b] = hrefs(findPart(mime, 'text/html')?.body ?? '').filter((l) => l.includes('/t/c/')) as [
      string,
      string,
    ];
    const sent = email.sentAt!.getTime();
    t.clock.set(new Date(sent + 4_000));
    expect((await get(a)).status).toBe(302); // seconds after delivery: a gateway
    t.clock.set(new Date(sent + 600_000));
    expect((await get(a, {}, 'HEAD')).status).toBe(302);
    expect((await get(a, { 'user-agent': 'Barracuda Sentinel (EE)' })).status).toBe(302);
    expect((await get(a, { 'sec-purpose': 'prefetch' })).status).toBe(302);
    // Every link in the same second: both re-labelled as a burst.
    t.clock.set(new Date(sent + 900_000));
    await get(a);
    t.clock.advance(400);
    await get(b);
    expect(await reload(email.id)).toMatchObject({ clicks: 0, botClicks: 6, firstClickedAt: null });
    // An hour later a person clicks one link.
    t.clock.set(new Date(sent + 4_500_000));
    await get(b);
    expect(await reload(email.id)).toMatchObject({ clicks: 1, botClicks: 6 });
    const events = await t.db.database.db
      .select()
      .from(trackingEvents)
      .where(eq(trackingEvents.emailId, email.id))
      .orderBy(trackingEvents.at);
    expect(events.map((e) => e.reasons)).toEqual([
      ['too_soon'],
      ['head'],
      ['scanner_agent'],
      ['prefetch'],
      ['burst'],
      ['burst'],
      [],
    ]);
  });

  it('sends links untouched when the step turns click tracking off', async () => {
    const { mime } = await sendOne({ trackClicks: false });
    const links = hrefs(findPart(mime, 'text/html')?.body ?? '');
    expect(links).toContain('https://acme.example/pricing?a=1&amp;b=2');
    expect(links.some((l) => l.includes('/t/c/'))).toBe(false);
  });

  it('adds an open pixel only when the step asks, and counts proxy loads as machine opens', async () => {
    const plain = await sendOne();
    expect(findPart(plain.mime, 'text/html')?.body).not.toContain('/t/o/');

    const { email, mime } = await sendOne({ trackOpens: true });
    const pixel = /src="(https:\/\/click\.stride\.test\/t\/o\/[^"]+)"/.exec(
      findPart(mime, 'text/html')?.body ?? '',
    )?.[1];
    expect(pixel).toBeDefined();
    t.clock.set(new Date(email.sentAt!.getTime() + 1_000));
    const mpp = await get(pixel as string, { 'user-agent': 'Mozilla/5.0' });
    expect(mpp.status).toBe(200);
    expect(mpp.headers.get('content-type')).toBe('image/gif');
    t.clock.set(new Date(email.sentAt!.getTime() + 7_200_000));
    await get(pixel as string, {
      'user-agent':
        'Mozilla/5.0 (Windows NT 5.1; rv:11.0) Gecko Firefox/11.0 (via ggpht.com GoogleImageProxy)',
    });
    await get(pixel as string); // a mail client loading images
    await get(pixel as string, {}, 'HEAD'); // asks, loads nothing
    expect(await reload(email.id)).toMatchObject({ opens: 3, machineOpens: 2 });
    const api = await t.call('GET', `/api/emails?enrollmentId=${email.enrollmentId}`);
    expect(api.body.items.find((x: { id: string }) => x.id === email.id)).toMatchObject({
      opens: 3,
      machineOpens: 2,
    });
    expect((await t.app.request(`${new URL(pixel as string).pathname}x`)).status).toBe(404);
  });

  it('finishes the enrollment on a human click of {{meetingLink}}, and never on a bot click', async () => {
    const body =
      '<p>Pick a time: <a href="{{meetingLink}}">my calendar</a> or <a href="https://acme.example/">our site</a></p>';
    const { email, mime } = await sendOne({ body }, { meetingLink: 'https://cal.example/rita' });
    const [meeting] = hrefs(findPart(mime, 'text/html')?.body ?? '').filter((l) => l.includes('/t/c/'));
    t.clock.set(new Date(email.sentAt!.getTime() + 5_000));
    expect((await get(meeting as string)).headers.get('location')).toBe('https://cal.example/rita');
    const enr = () => t.call('GET', `/api/enrollments/${email.enrollmentId}`);
    expect((await enr()).body.status).not.toBe('finished');
    t.clock.set(new Date(email.sentAt!.getTime() + 3_600_000));
    await get(meeting as string);
    expect((await enr()).body).toMatchObject({ status: 'finished', finishedReason: 'meeting_booked' });
    const acts = await t.db.database.db
      .select()
      .from(activities)
      .where(eq(activities.enrollmentId, email.enrollmentId!));
    expect(acts.map((a) => a.kind)).toEqual(
      expect.arrayContaining(['engagement.meeting_link_clicked', 'enrollment.finished']),
    );
  });

  it('creates one call task for the owner after N human clicks', async () => {
    const { email, mime } = await sendOne({}, { ruleset: { callTaskAfterClicks: 2 } });
    const [a, b] = hrefs(findPart(mime, 'text/html')?.body ?? '').filter((l) => l.includes('/t/c/')) as [
      string,
      string,
    ];
    const tasksOf = async () =>
      (
        (await t.call('GET', '/api/tasks?status=open')).body.items as {
          enrollmentId?: string;
          type: string;
        }[]
      ).filter((x) => x.enrollmentId === email.enrollmentId);
    t.clock.set(new Date(email.sentAt!.getTime() + 3_600_000));
    await get(a);
    expect(await tasksOf()).toEqual([]);
    t.clock.advance(300_000);
    await get(b);
    t.clock.advance(300_000);
    await get(a);
    expect((await tasksOf()).map((x) => x.type)).toEqual(['call']);
  });

  it("gives the panel's address lookup the contact's last human click, never a bot's", async () => {
    const { email, mime } = await sendOne();
    const [pricing, call] = hrefs(findPart(mime, 'text/html')?.body ?? '').filter((l) => l.includes('/t/c/'));
    const address = (await t.call('GET', `/api/contacts/${email.contactId}`)).body.email as string;
    const lookup = async () =>
      (await t.call('GET', `/api/contacts?email=${encodeURIComponent(address.toUpperCase())}`)).body.items[0];
    expect((await lookup()).lastHumanClick).toBeNull();

    t.clock.set(new Date(email.sentAt!.getTime() + 3_600_000));
    await get(pricing as string);
    const clickedAt = t.clock.now().toISOString();
    // Later, a scanner's HEAD on the other link: recorded, but not the contact's.
    t.clock.advance(600_000);
    await get(call as string, {}, 'HEAD');
    expect((await lookup()).lastHumanClick).toEqual({
      at: clickedAt,
      url: 'https://acme.example/pricing?a=1&b=2',
    });

    // A person's later click on the other link becomes the last one.
    t.clock.advance(600_000);
    await get(call as string);
    expect((await lookup()).lastHumanClick).toEqual({
      at: t.clock.now().toISOString(),
      url: 'https://cal.example/rita',
    });
    // Lists are not the panel's question: they do not pay for the query.
    const list = await t.call('GET', '/api/contacts?limit=100');
    expect(list.body.items.find((c: { id: string }) => c.id === email.contactId)).not.toHaveProperty(
      'lastHumanClick',
    );
  });
});
