import { z } from 'zod';
import { contactSchema } from './contact';
import { preflightReasonSchema } from './email';
import { enrollmentSchema, enrollmentWarningCodeSchema, finishReasonSchema } from './enrollment';
import { notSentCodeSchema } from './not-sent-code';
import { observedMessageSchema, observeResultSchema } from './observe';

/*
 * The protocol between the extension's content scripts (and popup) and its background service worker.
 * Both ends parse every message with these schemas: a content script runs next to a hostile page, and
 * the background runs other listeners (InboxSDK's), so nothing is trusted by shape alone.
 */

/** Every Stride message carries this channel so our listener can ignore InboxSDK's own messages. */
export const STRIDE_CHANNEL = 'stride';
/** Name of the runtime port over which the background pushes change notices. */
export const NOTICE_PORT = 'stride:notices';

const id = z.string().min(1).max(100);
const address = z.string().trim().toLowerCase().pipe(z.email().max(320));

export const sequenceSummarySchema = z.object({ id: z.string(), name: z.string(), active: z.boolean() });
export type SequenceSummary = z.infer<typeof sequenceSummarySchema>;

/*
 * Codes arrive explained (label, message, resolution from shared/send-guard/catalog.ts, added by the
 * background) so content scripts need not bundle the catalog and, through it, zod.
 */
export const retryPolicySchema = z.enum(['retry', 'force', 'never']);
export type RetryPolicy = z.infer<typeof retryPolicySchema>;

const explained = { label: z.string(), message: z.string(), resolution: z.string() };

/** An enrollment as the panel shows it: with its sequence's name and, when stuck, why. */
export const enrollmentViewSchema = enrollmentSchema.extend({
  sequenceName: z.string().nullable(),
  stuckReason: z
    .object({
      code: notSentCodeSchema,
      detail: z.string().optional(),
      ...explained,
      /** The not-sent email, for a Retry. */
      emailId: z.string().optional(),
      /**
       * What a Retry can do for this reason (the catalog decides): `retry` after a fix, `force` also
       * lets the rep send anyway, `never` for hard stops (unsubscribed, blocklisted, GDPR…).
       */
      retry: retryPolicySchema.optional(),
    })
    .optional(),
});
export type EnrollmentView = z.infer<typeof enrollmentViewSchema>;

export const extensionRequestSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('status') }),
  z.object({
    type: z.literal('options.open'),
    /** Opens the console at this place, e.g. `#contacts/<id>` ("Open in console" in the panel). */
    hash: z
      .string()
      .max(300)
      .regex(/^#[\w\-/%.]*$/)
      .optional(),
  }),
  /** `cache` answers from the background's database only; `server` asks the server and refreshes it. */
  z.object({ type: z.literal('contact.lookup'), email: address, mode: z.enum(['cache', 'server']) }),
  z.object({
    type: z.literal('contact.create'),
    email: address,
    firstName: z.string().trim().max(200).optional(),
    lastName: z.string().trim().max(200).optional(),
  }),
  z.object({ type: z.literal('sequences.list') }),
  z.object({
    type: z.literal('enroll'),
    contactId: id,
    sequenceId: id,
    skipValidation: z.boolean().optional(),
  }),
  z.object({ type: z.literal('enrollment.pause'), enrollmentId: id, resumeAt: z.iso.datetime().optional() }),
  z.object({ type: z.literal('enrollment.resume'), enrollmentId: id }),
  z.object({ type: z.literal('enrollment.finish'), enrollmentId: id, reason: finishReasonSchema }),
  z.object({ type: z.literal('enrollment.remove'), enrollmentId: id }),
  z.object({
    type: z.literal('preflight'),
    email: address,
    subject: z.string().max(1000).optional(),
    body: z.string().max(100_000).optional(),
  }),
  z.object({
    type: z.literal('thread.observe'),
    host: z.enum(['gmail', 'outlook']),
    threadId: z.string().min(1).max(1000),
    subject: z.string().max(1000).optional(),
    /** `key` identifies a message that has no Message-ID; it stays in the extension. */
    messages: z.array(observedMessageSchema.extend({ key: z.string().max(2000).optional() })).max(500),
  }),
  z.object({ type: z.literal('tasks.openCount') }),
  z.object({ type: z.literal('sync') }),
  /** Send a not-sent email of this enrollment again (`force` passes stage and bounce protection). */
  z.object({
    type: z.literal('email.retry'),
    enrollmentId: z.string().min(1),
    emailId: z.string().min(1),
    force: z.boolean().optional(),
  }),
  /** A mail page Stride cannot read (a part of the host's markup is missing): kept for diagnostics. */
  z.object({
    type: z.literal('page.problem'),
    host: z.enum(['gmail', 'outlook']),
    reason: z.string().trim().min(1).max(500),
    /** The page's origin and path only: no query or fragment, which can carry search terms. */
    page: z.string().max(500).optional(),
  }),
]);
export type ExtensionRequest = z.infer<typeof extensionRequestSchema>;
export type RequestType = ExtensionRequest['type'];

export const extensionResultSchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('status'),
    signedIn: z.boolean(),
    email: z.string().optional(),
    serverUrl: z.string(),
  }),
  z.object({ type: z.literal('options.open') }),
  z.object({
    type: z.literal('contact.lookup'),
    source: z.enum(['cache', 'server']),
    /** False only for a cache lookup that knows nothing about the address yet. */
    hit: z.boolean(),
    contact: contactSchema.nullable(),
    /** The contact's last human click in words ("Clicked “acme.test/pricing” 2 days ago"), put here
     * by the background so the panel's content script stays small. */
    lastClick: z.object({ words: z.string(), url: z.string() }).nullable().optional(),
    enrollments: z.array(enrollmentViewSchema),
    lastUsedSequenceId: z.string().nullable(),
  }),
  z.object({ type: z.literal('contact.create'), contact: contactSchema }),
  z.object({
    type: z.literal('sequences.list'),
    sequences: z.array(sequenceSummarySchema),
    lastUsedSequenceId: z.string().nullable(),
  }),
  z.object({
    type: z.literal('enroll'),
    enrollments: z.array(enrollmentSchema),
    /** Why the contact was not enrolled without skipValidation; "Enroll anyway" overrides these. */
    warnings: z.array(z.object({ code: enrollmentWarningCodeSchema, ...explained })),
    rejected: z.array(z.object({ code: z.string() })),
  }),
  z.object({ type: z.literal('enrollment.pause'), enrollment: enrollmentSchema }),
  z.object({ type: z.literal('enrollment.resume'), enrollment: enrollmentSchema }),
  z.object({ type: z.literal('enrollment.finish'), enrollment: enrollmentSchema }),
  z.object({ type: z.literal('enrollment.remove'), enrollmentId: z.string() }),
  /** `retried` false: the server skipped it (`skipped` says why, e.g. already sent). */
  z.object({
    type: z.literal('email.retry'),
    retried: z.boolean(),
    skipped: z.string().optional(),
    enrollment: enrollmentSchema,
  }),
  z.object({
    type: z.literal('preflight'),
    /** Null when the server could not be asked: the compose bar must then never block. */
    result: z
      .object({ ok: z.boolean(), reasons: z.array(preflightReasonSchema.extend({ label: z.string() })) })
      .nullable(),
    problem: z.enum(['unreachable', 'signed_out']).optional(),
    enrollments: z.array(enrollmentViewSchema),
  }),
  z.object({
    type: z.literal('thread.observe'),
    reported: z.number().int().min(0),
    events: observeResultSchema.shape.events,
  }),
  z.object({ type: z.literal('tasks.openCount'), count: z.number().int().min(0) }),
  z.object({ type: z.literal('sync'), applied: z.number().int().min(0), available: z.boolean() }),
  z.object({ type: z.literal('page.problem'), recorded: z.boolean() }),
]);
export type ExtensionResult = z.infer<typeof extensionResultSchema>;
export type ResultOf<T extends RequestType> = Extract<ExtensionResult, { type: T }>;
export type RequestOf<T extends RequestType> = Extract<ExtensionRequest, { type: T }>;

export const extensionErrorSchema = z.object({
  kind: z.enum(['signed_out', 'unreachable', 'server', 'invalid_request', 'extension']),
  message: z.string(),
  /** The server's error code (API.md envelope) when the server answered. */
  code: z.string().optional(),
  status: z.number().int().optional(),
});
export type ExtensionError = z.infer<typeof extensionErrorSchema>;

/** What a content script sends through `runtime.sendMessage`. */
export const extensionEnvelopeSchema = z.object({
  channel: z.literal(STRIDE_CHANNEL),
  request: extensionRequestSchema,
});
export type ExtensionEnvelope = z.infer<typeof extensionEnvelopeSchema>;

export const extensionResponseSchema = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), result: extensionResultSchema }),
  z.object({ ok: z.literal(false), error: extensionErrorSchema }),
]);
export type ExtensionResponse = z.infer<typeof extensionResponseSchema>;

/** Pushed by the background over the NOTICE_PORT port. */
export const extensionNoticeSchema = z.discriminatedUnion('type', [
  /** Cached data about these contacts changed; `all` when the whole cache was replaced. */
  z.object({
    type: z.literal('changed'),
    all: z.boolean(),
    emails: z.array(z.string()),
    contactIds: z.array(z.string()),
  }),
  z.object({ type: z.literal('session'), signedIn: z.boolean(), email: z.string().optional() }),
]);
export type ExtensionNotice = z.infer<typeof extensionNoticeSchema>;
