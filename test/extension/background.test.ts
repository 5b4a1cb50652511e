import { describe, expect, it } from 'vitest';
import { SYNC_ALARM } from '../../extension/background/create-background';
import { META } from '../../extension/background/db';
import { SETTINGS_KEY } from '../../shared/schemas/settings';
import { otherNotSentReasons } from '../../shared/send-guard/catalog';
import { contact, enrollment } from './helpers/fake-api';
import { SERVER, startFakeExtension } from './helpers/fake-extension';

describe('background messages', () => {
  it('leaves other senders alone and refuses malformed Stride requests', async () => {
    const { browser } = await startFakeExtension();
    // InboxSDK's background shares onMessage: a message without our channel gets no answer from us.
    await expect(browser.runtime.sendMessage({ type: 'inboxsdk__injectPageWorld' })).resolves.toBeUndefined();
    const bad = await browser.runtime.sendMessage({
      channel: 'stride',
      request: { type: 'contact.lookup', email: 'not-an-address', mode: 'cache' },
    });
    expect(bad).toMatchObject({ ok: false, error: { kind: 'invalid_request' } });
  });

  it('answers from the cache first, then from the server, which fills the cache', async () => {
    const { client, api } = await startFakeExtension();
    const miss = await client.request({ type: 'contact.lookup', email: 'Dana@Acme.test', mode: 'cache' });
    expect(miss).toMatchObject({ ok: true, result: { source: 'cache', hit: false, contact: null } });

    const fresh = await client.request({ type: 'contact.lookup', email: 'dana@acme.test', mode: 'server' });
    expect(fresh.ok && fresh.result.contact?.id).toBe('c_dana');
    expect(
      fresh.ok && fresh.result.enrollments.map((e) => [e.sequenceName, e.currentStep, e.status]),
    ).toEqual([['Onboarding', 2, 'active']]);

    const served = api.calls.length;
    const cached = await client.request({ type: 'contact.lookup', email: 'dana@acme.test', mode: 'cache' });
    expect(cached).toMatchObject({
      ok: true,
      result: { source: 'cache', hit: true, contact: { id: 'c_dana' } },
    });
    expect(cached.ok && cached.result.enrollments[0]?.sequenceName).toBe('Onboarding');
    expect(api.calls.length).toBe(served);
  });

  it("puts the contact's last human click in words for the panel, from the server and then the cache", async () => {
    const { client, api } = await startFakeExtension();
    const at = new Date(Date.now() - 2 * 86_400_000).toISOString();
    api.state.contacts = [
      { ...api.state.contacts[0]!, lastHumanClick: { at, url: 'https://acme.test/pricing' } },
    ];
    const words = { words: 'Clicked “acme.test/pricing” 2 days ago', url: 'https://acme.test/pricing' };
    const fresh = await client.request({ type: 'contact.lookup', email: 'dana@acme.test', mode: 'server' });
    expect(fresh.ok && fresh.result.lastClick).toEqual(words);
    const cached = await client.request({ type: 'contact.lookup', email: 'dana@acme.test', mode: 'cache' });
    expect(cached.ok && cached.result.lastClick).toEqual(words);

    api.state.contacts = [{ ...api.state.contacts[0]!, lastHumanClick: null }];
    const none = await client.request({ type: 'contact.lookup', email: 'dana@acme.test', mode: 'server' });
    expect(none.ok && none.result.lastClick).toBeNull();
  });

  it('remembers that an address is unknown, and explains why an enrollment is stuck', async () => {
    const { client, api } = await startFakeExtension();
    api.state.enrollments = [enrollment({ status: 'not_sent' })];
    api.state.emails = [
      {
        id: 'm1',
        enrollmentId: 'e_1',
        status: 'not_sent',
        reason: 'unverified_email',
        sentAt: '2025-02-02T00:00:00Z',
      },
    ];
    const found = await client.request({ type: 'contact.lookup', email: 'dana@acme.test', mode: 'server' });
    expect(found.ok && found.result.enrollments[0]?.stuckReason).toMatchObject({
      code: 'unverified_email',
      label: 'Unverified email',
      resolution: expect.stringContaining('Verify the address'),
    });
    await client.request({ type: 'contact.lookup', email: 'nobody@else.test', mode: 'server' });
    const unknown = await client.request({
      type: 'contact.lookup',
      email: 'nobody@else.test',
      mode: 'cache',
    });
    expect(unknown).toMatchObject({ ok: true, result: { hit: true, contact: null } });
  });

  it("explains an 'other' reason with the specific words its detail names, not the catch-all's", async () => {
    const { client, api } = await startFakeExtension();
    api.state.enrollments = [enrollment({ status: 'not_sent' })];
    api.state.emails = [
      {
        id: 'm1',
        enrollmentId: 'e_1',
        status: 'not_sent',
        reason: 'other',
        detail: 'Too long once filled in: the body passes 200,000 characters.',
        sentAt: '2025-02-02T00:00:00Z',
      },
    ];
    const found = await client.request({ type: 'contact.lookup', email: 'dana@acme.test', mode: 'server' });
    expect(found.ok && found.result.enrollments[0]?.stuckReason).toMatchObject({
      code: 'other',
      label: otherNotSentReasons.too_large.label,
      message: otherNotSentReasons.too_large.message,
      resolution: otherNotSentReasons.too_large.resolution,
    });
  });

  it('keeps the token in the background', async () => {
    const { client, api } = await startFakeExtension();
    const status = await client.request({ type: 'status' });
    expect(status).toEqual({
      ok: true,
      result: { type: 'status', signedIn: true, email: 'rep@example.test', serverUrl: SERVER },
    });
    const lookup = await client.request({ type: 'contact.lookup', email: 'dana@acme.test', mode: 'server' });
    expect(JSON.stringify([status, lookup])).not.toContain(api.state.token);
    expect(api.calls.every((c) => c.auth === `Bearer ${api.state.token}`)).toBe(true);
  });

  it('says signed out when there is no token or the server refuses it, and unreachable when down', async () => {
    const signedOut = await startFakeExtension({ signedIn: false });
    const none = await signedOut.client.request({
      type: 'contact.lookup',
      email: 'dana@acme.test',
      mode: 'server',
    });
    expect(none).toMatchObject({ ok: false, error: { kind: 'signed_out' } });
    expect(signedOut.api.calls).toHaveLength(0);

    const { client, api } = await startFakeExtension();
    api.state.token = 'rotated';
    const refused = await client.request({ type: 'contact.lookup', email: 'dana@acme.test', mode: 'server' });
    expect(refused).toMatchObject({ ok: false, error: { kind: 'signed_out', status: 401 } });

    api.state.down = true;
    const down = await client.request({ type: 'contact.lookup', email: 'dana@acme.test', mode: 'server' });
    expect(down).toMatchObject({ ok: false, error: { kind: 'unreachable' } });
  });

  it('follows settings changes without a reload, dropping the previous account’s cache', async () => {
    const { client, api, browser, db, notices } = await startFakeExtension();
    await client.request({ type: 'contact.lookup', email: 'dana@acme.test', mode: 'server' });
    expect(await db.contacts.count()).toBe(1);

    api.state.token = 'tok_2';
    await browser.storage.local.set({
      [SETTINGS_KEY]: { serverUrl: 'http://other.test', token: 'tok_2', email: 'rep2@example.test' },
    });
    await expect
      .poll(() => notices)
      .toContainEqual({ type: 'session', signedIn: true, email: 'rep2@example.test' });
    expect(notices).toContainEqual({ type: 'changed', all: true, emails: [], contactIds: [] });
    const cached = await client.request({ type: 'contact.lookup', email: 'dana@acme.test', mode: 'cache' });
    expect(cached).toMatchObject({ ok: true, result: { hit: false } });

    await client.request({ type: 'contact.lookup', email: 'dana@acme.test', mode: 'server' });
    expect(api.calls.at(-1)).toMatchObject({ origin: 'http://other.test', auth: 'Bearer tok_2' });
  });

  it('enrolls (explaining warnings), remembers the sequence, and pauses, resumes, finishes and removes', async () => {
    const { client, api, db, notices } = await startFakeExtension();
    const warned = await client.request({ type: 'enroll', contactId: 'c_dana', sequenceId: 's_renewal' });
    expect(warned).toMatchObject({
      ok: true,
      result: {
        enrollments: [],
        warnings: [{ code: 'already_in_another_sequence', label: 'Already in another sequence' }],
      },
    });
    const anyway = await client.request({
      type: 'enroll',
      contactId: 'c_dana',
      sequenceId: 's_renewal',
      skipValidation: true,
    });
    expect(anyway.ok && anyway.result.enrollments).toHaveLength(1);
    expect(api.callsTo('POST', '/api/sequences/s_renewal/enrollments').at(-1)?.body).toEqual({
      contactIds: ['c_dana'],
      skipValidation: true,
    });
    expect(await db.getMeta(META.lastUsedSequence)).toBe('s_renewal');

    const paused = await client.request({
      type: 'enrollment.pause',
      enrollmentId: 'e_1',
      resumeAt: '2030-01-01T09:00:00.000Z',
    });
    expect(paused.ok && paused.result.enrollment.status).toBe('paused');
    expect(api.callsTo('POST', '/api/enrollments/e_1/pause')[0]?.body).toEqual({
      resumeAt: '2030-01-01T09:00:00.000Z',
    });
    expect((await db.enrollments.get('e_1'))?.status).toBe('paused');
    expect(notices.at(-1)).toEqual({ type: 'changed', all: false, emails: [], contactIds: ['c_dana'] });

    await client.request({ type: 'enrollment.resume', enrollmentId: 'e_1' });
    expect((await db.enrollments.get('e_1'))?.status).toBe('active');
    const finished = await client.request({
      type: 'enrollment.finish',
      enrollmentId: 'e_1',
      reason: 'meeting_booked',
    });
    expect(finished.ok && finished.result.enrollment.finishedReason).toBe('meeting_booked');
    const removed = await client.request({ type: 'enrollment.remove', enrollmentId: 'e_2' });
    expect(removed).toEqual({ ok: true, result: { type: 'enrollment.remove', enrollmentId: 'e_2' } });
    expect((await db.enrollments.get('e_2'))?.status).toBe('removed');
  });

  it('passes server refusals through with their message', async () => {
    const { client, api } = await startFakeExtension();
    api.override('POST', /\/resume$/, () => ({
      status: 409,
      body: { error: { code: 'not_paused', message: 'It is not paused.' } },
    }));
    const outcome = await client.request({ type: 'enrollment.resume', enrollmentId: 'e_1' });
    expect(outcome).toEqual({
      ok: false,
      error: { kind: 'server', message: 'It is not paused.', code: 'not_paused', status: 409 },
    });
  });

  it('previews a send, and never blocks when the server cannot be asked', async () => {
    const { client, api } = await startFakeExtension();
    const blocked = await client.request({ type: 'preflight', email: 'blocked@spam.test', subject: 'Hi' });
    expect(blocked).toMatchObject({
      ok: true,
      result: { result: { ok: false, reasons: [{ code: 'person_blocked', label: 'Person blocked' }] } },
    });
    const known = await client.request({ type: 'preflight', email: 'dana@acme.test' });
    expect(known.ok && known.result.enrollments.map((e) => e.sequenceName)).toEqual(['Onboarding']);

    api.state.down = true;
    const down = await client.request({ type: 'preflight', email: 'blocked@spam.test' });
    expect(down).toMatchObject({ ok: true, result: { result: null, problem: 'unreachable' } });
  });

  it('reports each thread message once and refreshes enrollments the server says changed', async () => {
    const { client, api, db, notices } = await startFakeExtension();
    const first = {
      key: 'owa|t1|rep|Mon|hi',
      from: 'rep@example.test',
      to: ['dana@acme.test'],
      date: '2025-03-03T10:02:00.000Z',
      text: 'hi',
    };
    const reply = {
      messageId: '<r@acme.test>',
      from: 'dana@acme.test',
      to: ['rep@example.test'],
      date: '2025-03-04T09:15:00.000Z',
      text: 'Thanks',
    };
    const one = await client.request({
      type: 'thread.observe',
      host: 'outlook',
      threadId: 't1',
      subject: 'Pricing',
      messages: [first],
    });
    expect(one).toMatchObject({ ok: true, result: { reported: 1 } });

    api.override('POST', /\/api\/threads\/observe$/, () => {
      api.state.enrollments[0]!.status = 'finished';
      return { body: { events: [{ enrollmentId: 'e_1', kind: 'reply' }] } };
    });
    const two = await client.request({
      type: 'thread.observe',
      host: 'outlook',
      threadId: 't1',
      subject: 'Pricing',
      messages: [first, reply],
    });
    expect(two).toMatchObject({
      ok: true,
      result: { reported: 1, events: [{ enrollmentId: 'e_1', kind: 'reply' }] },
    });
    const posts = api.callsTo('POST', '/api/threads/observe');
    expect(posts.map((p) => (p.body as { messages: unknown[] }).messages)).toEqual([
      [{ from: first.from, to: first.to, date: first.date, text: first.text }],
      [reply],
    ]);
    expect((await db.enrollments.get('e_1'))?.status).toBe('finished');
    expect(notices.at(-1)).toMatchObject({ type: 'changed', contactIds: ['c_dana'] });

    const again = await client.request({
      type: 'thread.observe',
      host: 'outlook',
      threadId: 't1',
      messages: [first, reply],
    });
    expect(again).toMatchObject({ ok: true, result: { reported: 0 } });
    expect(api.callsTo('POST', '/api/threads/observe')).toHaveLength(2);
  });

  it('counts the open tasks due today', async () => {
    const { client, api } = await startFakeExtension();
    const today = new Date();
    today.setHours(8, 0, 0, 0);
    const tomorrow = new Date(today.getTime() + 26 * 3600_000);
    api.state.tasks = [
      { id: 't1', dueAt: today.toISOString() },
      { id: 't2', dueAt: '2020-01-01T00:00:00.000Z' },
      { id: 't3', dueAt: tomorrow.toISOString() },
    ];
    expect(await client.request({ type: 'tasks.openCount' })).toEqual({
      ok: true,
      result: { type: 'tasks.openCount', count: 2 },
    });
  });
});

describe('delta feed', () => {
  it('applies /api/changes page by page from the stored cursor and tells content scripts', async () => {
    const { client, api, db, notices } = await startFakeExtension();
    const sam = contact({ id: 'c_sam', email: 'sam@beta.test', firstName: 'Sam' });
    api.state.changes = [
      {
        type: 'sequence',
        id: 's_onboard',
        data: { id: 's_onboard', name: 'Onboarding', active: true, steps: [] },
      },
      { type: 'contact', id: 'c_sam', data: sam },
      ...Array.from({ length: 600 }, (_, i) => ({ type: 'task', id: `t${i}`, data: {} })),
      {
        type: 'enrollment',
        id: 'e_9',
        data: enrollment({ id: 'e_9', contactId: 'c_sam', status: 'paused' }),
      },
    ];
    const synced = await client.request({ type: 'sync' });
    expect(synced).toEqual({ ok: true, result: { type: 'sync', applied: 3, available: true } });
    expect(api.callsTo('GET', '/api/changes').map((c) => c.query.get('cursor'))).toEqual([null, '500']);
    expect(await db.getMeta(META.cursor)).toBe('603');
    expect(notices.at(-1)).toMatchObject({
      type: 'changed',
      emails: ['sam@beta.test'],
      contactIds: ['c_sam'],
    });

    const cached = await client.request({ type: 'contact.lookup', email: 'sam@beta.test', mode: 'cache' });
    expect(cached.ok && cached.result.enrollments.map((e) => [e.sequenceName, e.status])).toEqual([
      ['Onboarding', 'paused'],
    ]);

    api.state.changes.push({ type: 'contact', id: 'c_sam', data: null });
    await client.request({ type: 'sync' });
    expect(api.callsTo('GET', '/api/changes').at(-1)?.query.get('cursor')).toBe('603');
    expect(await db.contacts.get('c_sam')).toBeUndefined();
  });

  it('polls on its alarm', async () => {
    const { api, browser } = await startFakeExtension();
    // The start-up pass runs first; the alarm then adds one more.
    await expect.poll(() => api.callsTo('GET', '/api/changes').length).toBe(1);
    await browser.alarms.onAlarm.trigger({ name: SYNC_ALARM, scheduledTime: Date.now() });
    await expect.poll(() => api.callsTo('GET', '/api/changes').length).toBe(2);
    expect(await browser.alarms.get(SYNC_ALARM)).toMatchObject({ periodInMinutes: 1 });
  });

  it('copes with a server that has no delta feed yet', async () => {
    const { client, api } = await startFakeExtension();
    api.override('GET', /^\/api\/changes$/, () => undefined);
    expect(await client.request({ type: 'sync' })).toEqual({
      ok: true,
      result: { type: 'sync', applied: 0, available: false },
    });
    // Lookups still fill the cache without it.
    await client.request({ type: 'contact.lookup', email: 'dana@acme.test', mode: 'server' });
    const cached = await client.request({ type: 'contact.lookup', email: 'dana@acme.test', mode: 'cache' });
    expect(cached).toMatchObject({ ok: true, result: { hit: true, contact: { id: 'c_dana' } } });
  });
});
