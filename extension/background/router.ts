import { z } from 'zod';
import { pageOf } from '../../shared/schemas/common';
import { preflightResultSchema } from '../../shared/schemas/email';
import type { Enrollment } from '../../shared/schemas/enrollment';
import {
  type ExtensionError,
  type ExtensionNotice,
  type ExtensionRequest,
  type ExtensionResponse,
  type ExtensionResult,
  extensionEnvelopeSchema,
  extensionResponseSchema,
  type RequestOf,
  type RequestType,
  type ResultOf,
  STRIDE_CHANNEL,
} from '../../shared/schemas/extension-messages';
import type { StrideApi } from '../lib/api/api-core';
import { ApiProblem } from '../lib/api/api-problem';
import type { SettingsStore } from '../lib/settings-store';
import type { Contacts } from './contacts';
import type { Diagnostics } from './diagnostics';
import type { Enrollments } from './enrollments';
import { explainNotSent, explainWarning } from './explain';
import type { createObserver } from './observe';
import type { Sync } from './sync';

const taskPageSchema = pageOf(z.object({ id: z.string(), dueAt: z.string() }));
const PREFLIGHT_TIMEOUT_MS = 2_500;

export interface RouterDeps {
  settings: SettingsStore;
  api: StrideApi;
  contacts: Contacts;
  enrollments: Enrollments;
  observer: ReturnType<typeof createObserver>;
  sync: Sync;
  diagnostics: Diagnostics;
  notify(notice: ExtensionNotice): void;
  /** With a hash, opens the console at that place (a new tab of the options page). */
  openOptions(hash?: string): Promise<void>;
  now(): Date;
}

const changed = (contactIds: string[], emails: string[] = []): ExtensionNotice => ({
  type: 'changed',
  all: false,
  emails,
  contactIds,
});

/** A failed server call as the protocol's error: the kind the UI branches on, and the words it shows. */
function wireError(problem: ApiProblem): ExtensionError {
  return {
    kind: problem.kind === 'bad_response' ? 'server' : problem.kind,
    // The panel frames the server's words in its own sentence ("Couldn't pause …: <message>").
    message: problem.serverMessage ?? problem.message,
    ...(problem.code ? { code: problem.code } : {}),
    ...(problem.status ? { status: problem.status } : {}),
  };
}

/** Message type → its handler, typed from the shared protocol schemas. */
type Handlers = { [T in RequestType]: (request: RequestOf<T>) => Promise<ResultOf<T>> };

export function createRouter(deps: RouterDeps) {
  const { api, contacts, enrollments } = deps;

  async function preflight(email: string, subject?: string, body?: string): Promise<ResultOf<'preflight'>> {
    const server = api
      .call(
        (s) =>
          s.api.preflight.$post({
            json: { email, ...(subject ? { subject } : {}), ...(body ? { body } : {}) },
          }),
        preflightResultSchema,
        { timeoutMs: PREFLIGHT_TIMEOUT_MS },
      )
      .then((result) => ({
        result: {
          ok: result.ok,
          reasons: result.reasons.map((r) => ({ ...r, label: explainNotSent(r.code, r.detail).label })),
        },
      }))
      .catch((err: unknown) => ({
        result: null,
        // Whatever went wrong, the bar says so and lets the rep send: Stride must never block mail.
        problem:
          err instanceof ApiProblem && err.kind === 'signed_out'
            ? ('signed_out' as const)
            : ('unreachable' as const),
      }));
    const cached = await contacts.lookupCache(email);
    const known = cached.hit ? cached : await contacts.lookupServer(email).catch(() => cached);
    const outcome = await server;
    return { type: 'preflight', ...outcome, enrollments: known.enrollments };
  }

  async function openTasksDueToday(): Promise<number> {
    const end = deps.now();
    end.setHours(23, 59, 59, 999);
    let count = 0;
    let cursor: string | undefined;
    for (let page = 0; page < 10; page++) {
      const body = await api.call(
        (s) => s.api.tasks.$get({ query: { status: 'open', limit: 1000, cursor } }),
        taskPageSchema,
      );
      count += body.items.filter((t) => Date.parse(t.dueAt) <= end.getTime()).length;
      cursor = body.nextCursor;
      if (!cursor) break;
    }
    return count;
  }

  const changeOf = async (enrollment: Enrollment) => {
    deps.notify(changed([enrollment.contactId]));
    return enrollment;
  };

  /*
   * One handler per message type. The map's type makes a missing handler, or one that answers with
   * the wrong result, a compile error; requests arrive already parsed by the shared protocol schema.
   */
  const handlers: Handlers = {
    async status() {
      const s = await deps.settings.read();
      return {
        type: 'status',
        signedIn: !!s.token,
        serverUrl: s.serverUrl,
        ...(s.email ? { email: s.email } : {}),
      };
    },
    async 'options.open'(request) {
      await deps.openOptions(request.hash);
      return { type: 'options.open' };
    },
    'contact.lookup': (request) =>
      request.mode === 'cache' ? contacts.lookupCache(request.email) : contacts.lookupServer(request.email),
    async 'contact.create'(request) {
      const { type: _t, ...input } = request;
      const contact = await contacts.create(input);
      deps.notify(changed([contact.id], [request.email]));
      return { type: 'contact.create', contact };
    },
    'sequences.list': async () => ({ type: 'sequences.list', ...(await contacts.sequences()) }),
    async enroll(request) {
      const result = await enrollments.enroll(request.contactId, request.sequenceId, request.skipValidation);
      deps.notify(changed([request.contactId]));
      const mine = <T extends { contactId: string }>(rows: T[]) =>
        rows.filter((r) => r.contactId === request.contactId);
      return {
        type: 'enroll',
        enrollments: mine(result.enrollments),
        warnings: mine(result.warnings).map((w) => ({ code: w.code, ...explainWarning(w.code) })),
        rejected: mine(result.rejected).map((r) => ({ code: r.code })),
      };
    },
    'enrollment.pause': async (request) => ({
      type: 'enrollment.pause',
      enrollment: await changeOf(await enrollments.pause(request.enrollmentId, request.resumeAt)),
    }),
    'enrollment.resume': async (request) => ({
      type: 'enrollment.resume',
      enrollment: await changeOf(await enrollments.resume(request.enrollmentId)),
    }),
    'enrollment.finish': async (request) => ({
      type: 'enrollment.finish',
      enrollment: await changeOf(await enrollments.finish(request.enrollmentId, request.reason)),
    }),
    async 'email.retry'(request) {
      const { retried, skipped, enrollment } = await enrollments.retryEmail(
        request.enrollmentId,
        request.emailId,
        request.force ?? false,
      );
      await changeOf(enrollment);
      return { type: 'email.retry', retried, ...(skipped ? { skipped } : {}), enrollment };
    },
    async 'enrollment.remove'(request) {
      const contactId = await enrollments.remove(request.enrollmentId);
      if (contactId) deps.notify(changed([contactId]));
      return { type: 'enrollment.remove', enrollmentId: request.enrollmentId };
    },
    preflight: (request) => preflight(request.email, request.subject, request.body),
    async 'thread.observe'(request) {
      const result = await deps.observer.observe(request);
      if (result.events.length > 0) {
        const contactIds = await enrollments.refresh([...new Set(result.events.map((e) => e.enrollmentId))]);
        deps.notify(changed(contactIds));
      }
      return result;
    },
    'tasks.openCount': async () => ({ type: 'tasks.openCount', count: await openTasksDueToday() }),
    async sync() {
      const summary = await deps.sync.syncNow();
      if (summary.applied > 0) deps.notify(changed(summary.contactIds, summary.emails));
      return { type: 'sync', applied: summary.applied, available: summary.available };
    },
    async 'page.problem'(request) {
      const { type: _type, ...problem } = request;
      return { type: 'page.problem', recorded: await deps.diagnostics.record(problem) };
    },
  };

  function dispatch(request: ExtensionRequest): Promise<ExtensionResult> {
    // TypeScript cannot tie a union member to its own entry of a mapped type; the map's type did.
    const handler = handlers[request.type] as (request: ExtensionRequest) => Promise<ExtensionResult>;
    return handler(request);
  }

  return {
    /** False for messages that are not Stride's: InboxSDK's background shares onMessage. */
    isStride(raw: unknown): boolean {
      return (
        typeof raw === 'object' && raw !== null && (raw as { channel?: unknown }).channel === STRIDE_CHANNEL
      );
    },

    async handle(raw: unknown): Promise<ExtensionResponse> {
      const envelope = extensionEnvelopeSchema.safeParse(raw);
      if (!envelope.success) {
        return {
          ok: false,
          error: { kind: 'invalid_request', message: envelope.error.issues[0]?.message ?? 'invalid' },
        };
      }
      let response: ExtensionResponse;
      try {
        response = { ok: true, result: await dispatch(envelope.data.request) };
      } catch (err) {
        response =
          err instanceof ApiProblem
            ? { ok: false, error: wireError(err) }
            : {
                ok: false,
                error: { kind: 'extension', message: `Stride hit an unexpected error: ${String(err)}` },
              };
      }
      const checked = extensionResponseSchema.safeParse(response);
      if (checked.success) return checked.data;
      console.error('stride: response failed its schema', checked.error.issues.slice(0, 5));
      return { ok: false, error: { kind: 'extension', message: 'Stride produced an invalid response.' } };
    },
  };
}
export type Router = ReturnType<typeof createRouter>;
