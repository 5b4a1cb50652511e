import type { hc, InferResponseType } from 'hono/client';
import type { z } from 'zod';
import type { AppType } from '../../../server/app';
import { pageOf } from '../../../shared/schemas/common';
import { contactSchema, importResultSchema } from '../../../shared/schemas/contact';
import {
  emailSchema,
  preflightResultSchema,
  type RetryResult,
  retryResultSchema,
  taskSchema,
} from '../../../shared/schemas/email';
import {
  type BulkEnrollmentResult,
  bulkEnrollmentResultSchema,
  enrollmentSchema,
  enrollResultSchema,
} from '../../../shared/schemas/enrollment';
import { listSchema } from '../../../shared/schemas/list';
import {
  type HealthStatus,
  type MailboxDto,
  type MailboxHealth,
  mailboxDtoSchema,
  mailboxHealthSchema,
  mailboxUnlinkResultSchema,
  oauthAuthorizeResultSchema,
} from '../../../shared/schemas/mailbox';
import type { HolidayPlaces } from '../../../shared/schemas/schedule';
import {
  type SequenceCounts,
  type SequenceView,
  schedulePreviewResultSchema,
  sequenceCountsSchema,
  sequenceSharesSchema,
  sequenceViewSchema,
} from '../../../shared/schemas/sequence';
import { type SequenceReport, sequenceReportSchema } from '../../../shared/schemas/sequence-report';
import { snippetDtoSchema } from '../../../shared/schemas/snippet';
import { teamUserSchema, transferResultSchema, userSchema } from '../../../shared/schemas/user';

/*
 * Every response the console reads, from the shared schemas the server's routes declare too. The
 * type checks at the bottom tie each one to the server's Hono route types as well, so a route that
 * stops answering with its declared schema fails to compile.
 */

export const countsSchema = sequenceCountsSchema;
export type Counts = SequenceCounts;
export const sequencePageSchema = pageOf(sequenceViewSchema);
export const sharesSchema = sequenceSharesSchema;
export type Share = z.infer<typeof sequenceSharesSchema>['shares'][number];
export const healthSchema = mailboxHealthSchema;
export type Health = MailboxHealth;
export const unlinkSchema = mailboxUnlinkResultSchema;
export const authorizeSchema = oauthAuthorizeResultSchema;
export const scheduleAtSchema = schedulePreviewResultSchema;
export type { BulkEnrollmentResult, HealthStatus, MailboxDto, RetryResult, SequenceReport, SequenceView };
export {
  bulkEnrollmentResultSchema,
  mailboxDtoSchema,
  retryResultSchema,
  sequenceReportSchema,
  sequenceViewSchema,
};

export const contactPageSchema = pageOf(contactSchema);
export const enrollmentPageSchema = pageOf(enrollmentSchema);
export const emailPageSchema = pageOf(emailSchema);
export const taskPageSchema = pageOf(taskSchema);
export const mailboxPageSchema = pageOf(mailboxDtoSchema);
export const snippetPageSchema = pageOf(snippetDtoSchema);
export const listPageSchema = pageOf(listSchema);
export const userPageSchema = pageOf(userSchema);
export const teamUserPageSchema = pageOf(teamUserSchema);
export {
  contactSchema,
  emailSchema,
  enrollmentSchema,
  enrollResultSchema,
  importResultSchema,
  preflightResultSchema,
  taskSchema,
  teamUserSchema,
  transferResultSchema,
  userSchema,
};

// ---- compile-time drift checks against the server's Hono route types (no run-time import) ----
type Api = ReturnType<typeof hc<AppType>>['api'];
type Ok<R> = InferResponseType<R, 200>;
/** Compiles only when the server's answer can be read as the console's schema. */
type Reads<Server extends Console, Console> = Server;
export type DriftChecks = [
  Reads<Ok<Api['sequences'][':id']['$get']>, SequenceView>,
  Reads<Ok<Api['sequences'][':id']['share']['$post']>, z.infer<typeof sharesSchema>>,
  Reads<Ok<Api['emails']['retry']['$post']>, RetryResult>,
  Reads<Ok<Api['mailboxes'][':id']['$get']>, MailboxDto>,
  Reads<Ok<Api['mailboxes'][':id']['health']['$get']>, Health>,
  Reads<Ok<Api['mailboxes'][':id']['$delete']>, z.infer<typeof unlinkSchema>>,
  Reads<Ok<Api['schedule']['preview']['$post']>, z.infer<typeof scheduleAtSchema>>,
  Reads<Ok<Api['schedule']['holiday-places']['$get']>, HolidayPlaces>,
  Reads<Ok<Api['sequences'][':id']['report']['$get']>, SequenceReport>,
  Reads<Ok<Api['enrollments']['bulk']['$post']>, BulkEnrollmentResult>,
  Reads<Ok<Api['contacts']['$get']>, z.infer<typeof contactPageSchema>>,
  Reads<Ok<Api['users']['$get']>, z.infer<typeof teamUserPageSchema>>,
  Reads<Ok<Api['users'][':id']['$patch']>, z.infer<typeof teamUserSchema>>,
  Reads<Ok<Api['users'][':id']['transfer']['$post']>, z.infer<typeof transferResultSchema>>,
];
