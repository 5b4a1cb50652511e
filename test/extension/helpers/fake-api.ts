import type { Contact } from '../../../shared/schemas/contact';
import type { Enrollment } from '../../../shared/schemas/enrollment';

export function contact(overrides: Partial<Contact> = {}): Contact {
  return {
    id: 'c_dana',
    email: 'dana@acme.test',
    firstName: 'Dana',
    lastName: 'Lee',
    title: 'CFO',
    company: 'Acme',
    accountId: null,
    ownerId: 'u_rep',
    stage: 'Prospect',
    timezone: null,
    country: null,
    emailStatus: 'verified',
    personalizedOpener: null,
    phone: null,
    phoneValid: null,
    linkedinUrl: null,
    fields: {},
    jobChangeDetected: false,
    prospectScore: 0,
    unsubscribed: false,
    bounced: false,
    createdAt: '2025-01-01T00:00:00.000Z',
    updatedAt: '2025-01-01T00:00:00.000Z',
    ...overrides,
  };
}

export function enrollment(overrides: Partial<Enrollment> = {}): Enrollment {
  return {
    id: 'e_1',
    sequenceId: 's_onboard',
    contactId: 'c_dana',
    status: 'active',
    currentStep: 2,
    mailboxIds: ['mb_1'],
    createdAt: '2025-02-01T00:00:00.000Z',
    updatedAt: '2025-02-01T00:00:00.000Z',
    ...overrides,
  };
}

export interface Call {
  method: string;
  path: string;
  query: URLSearchParams;
  body: unknown;
  auth: string | null;
  origin: string;
}

type Handler = (call: Call) => { status?: number; body?: unknown } | undefined;

/**
 * The Stride server as an injected fetch: routes answer from in-memory state shaped by API.md,
 * every call is recorded, and the network can be taken down.
 */
export function fakeApi() {
  const state = {
    contacts: [contact()] as Contact[],
    enrollments: [enrollment()] as Enrollment[],
    sequences: [
      { id: 's_onboard', name: 'Onboarding', active: true },
      { id: 's_renewal', name: 'Renewal', active: true },
      { id: 's_old', name: 'Retired', active: false },
    ],
    emails: [] as Array<Record<string, unknown>>,
    changes: [] as Array<{ type: string; id: string; data: unknown }>,
    tasks: [] as Array<{ id: string; dueAt: string }>,
    token: 'tok_1',
    down: false,
    /** While set, every answer waits for it: lets a test look at the UI mid-request. */
    gate: undefined as Promise<void> | undefined,
    overrides: [] as Array<{ method: string; path: RegExp; handler: Handler }>,
  };
  const calls: Call[] = [];
  const json = (body: unknown, status = 200) => ({ status, body });
  const notFound = () => json({ error: { code: 'not_found', message: 'no such thing' } }, 404);
  const findEnrollment = (id: string | undefined) => state.enrollments.find((e) => e.id === id);
  const setStatus = (id: string | undefined, patch: Partial<Enrollment>) => {
    const e = findEnrollment(id);
    if (!e) return notFound();
    Object.assign(e, patch);
    return json(e);
  };

  const routes: Array<[string, RegExp, Handler]> = [
    [
      'GET',
      /^\/api\/contacts$/,
      (c) => json({ items: state.contacts.filter((x) => x.email === c.query.get('email')) }),
    ],
    [
      'POST',
      /^\/api\/contacts$/,
      (c) => {
        const created = contact({ id: `c_${state.contacts.length + 1}`, ...(c.body as Partial<Contact>) });
        state.contacts.push(created);
        return json(created, 201);
      },
    ],
    [
      'GET',
      /^\/api\/enrollments$/,
      (c) => json({ items: state.enrollments.filter((e) => e.contactId === c.query.get('contactId')) }),
    ],
    [
      'GET',
      /^\/api\/enrollments\/([^/]+)$/,
      (c) => {
        const e = findEnrollment(c.path.split('/')[3]);
        return e ? json(e) : notFound();
      },
    ],
    [
      'POST',
      /^\/api\/enrollments\/[^/]+\/pause$/,
      (c) => setStatus(c.path.split('/')[3], { status: 'paused', ...(c.body as object) }),
    ],
    [
      'POST',
      /^\/api\/enrollments\/[^/]+\/resume$/,
      (c) => setStatus(c.path.split('/')[3], { status: 'active' }),
    ],
    [
      'POST',
      /^\/api\/enrollments\/[^/]+\/finish$/,
      (c) =>
        setStatus(c.path.split('/')[3], {
          status: 'finished',
          finishedReason: (c.body as { reason: string }).reason,
        }),
    ],
    ['DELETE', /^\/api\/enrollments\/[^/]+$/, (c) => setStatus(c.path.split('/')[3], { status: 'removed' })],
    ['GET', /^\/api\/sequences$/, () => json({ items: state.sequences })],
    [
      'POST',
      /^\/api\/sequences\/[^/]+\/enrollments$/,
      (c) => {
        const sequenceId = c.path.split('/')[3] ?? '';
        const { contactIds, skipValidation } = c.body as { contactIds: string[]; skipValidation?: boolean };
        const contactId = contactIds[0] ?? '';
        const warned = state.enrollments.some((e) => e.contactId === contactId && e.status === 'active');
        if (warned && !skipValidation) {
          return json({
            enrollments: [],
            warnings: [{ contactId, code: 'already_in_another_sequence' }],
            rejected: [{ contactId, code: 'already_in_another_sequence' }],
          });
        }
        const created = enrollment({
          id: `e_${state.enrollments.length + 1}`,
          sequenceId,
          contactId,
          currentStep: 1,
        });
        state.enrollments.push(created);
        return json({ enrollments: [created], warnings: [], rejected: [] }, 201);
      },
    ],
    [
      'GET',
      /^\/api\/emails$/,
      (c) => json({ items: state.emails.filter((e) => e.enrollmentId === c.query.get('enrollmentId')) }),
    ],
    [
      'POST',
      /^\/api\/preflight$/,
      (c) =>
        (c.body as { email: string }).email === 'blocked@spam.test'
          ? json({
              ok: false,
              reasons: [
                { code: 'person_blocked', message: 'On the blocklist.', resolution: 'Ask an admin.' },
              ],
            })
          : json({ ok: true, reasons: [] }),
    ],
    ['POST', /^\/api\/threads\/observe$/, () => json({ events: [] })],
    ['GET', /^\/api\/tasks$/, () => json({ items: state.tasks })],
    [
      'GET',
      /^\/api\/changes$/,
      (c) => {
        const from = Number(c.query.get('cursor') ?? 0);
        const limit = Number(c.query.get('limit') ?? 100);
        const items = state.changes.slice(from, from + limit);
        const next = from + items.length;
        return json({ items, nextCursor: String(next), hasMore: next < state.changes.length });
      },
    ],
  ];

  const fetch = (async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = new URL(String(input));
    const headers = new Headers(init?.headers);
    const call: Call = {
      method: init?.method ?? 'GET',
      path: url.pathname,
      query: url.searchParams,
      body: init?.body ? JSON.parse(String(init.body)) : undefined,
      auth: headers.get('Authorization'),
      origin: url.origin,
    };
    calls.push(call);
    if (state.gate) await state.gate;
    if (state.down) throw new TypeError('Failed to fetch');
    if (call.auth !== `Bearer ${state.token}`) {
      return new Response(JSON.stringify({ error: { code: 'unauthorized', message: 'bad token' } }), {
        status: 401,
      });
    }
    const override = state.overrides.find((o) => o.method === call.method && o.path.test(call.path));
    const route = routes.find(([m, re]) => m === call.method && re.test(call.path));
    const answer = (override?.handler ?? route?.[2])?.(call) ?? notFound();
    const body = answer.body === undefined ? null : JSON.stringify(answer.body);
    return new Response(body, {
      status: answer.status ?? 200,
      headers: { 'Content-Type': 'application/json' },
    });
  }) as typeof globalThis.fetch;

  return {
    state,
    calls,
    fetch,
    /** Holds every answer until the returned function is called. */
    hold() {
      let release = () => {};
      state.gate = new Promise<void>((r) => {
        release = () => {
          state.gate = undefined;
          r();
        };
      });
      return release;
    },
    callsTo: (method: string, path: string) => calls.filter((c) => c.method === method && c.path === path),
    override(method: string, path: RegExp, handler: Handler) {
      state.overrides.push({ method, path, handler });
    },
  };
}
export type FakeApi = ReturnType<typeof fakeApi>;
