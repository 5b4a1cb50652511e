import { z } from 'zod';
import { stepTypes, threadModes } from '../enums';
import { idSchema, isoOutSchema } from './common';
import { rulesetSchema } from './ruleset';
import { scheduleSchema } from './schedule';

export const stepTypeSchema = z.enum(stepTypes);
export type StepType = z.infer<typeof stepTypeSchema>;
export const threadModeSchema = z.enum(threadModes);

/** The same caps as the step's own subject and body: a variant renders exactly like the step. */
export const STEP_SUBJECT_MAX = 1000;
export const STEP_BODY_MAX = 100_000;
export const MAX_VARIANTS = 10;

/**
 * One A/B version of an email step (API.md "Engagement"). An id is given by the server when left
 * out; a subject left out means the step's own subject. Weight is relative (default 1), and a
 * paused variant (`active: false`) gets no new enrollments.
 */
export const variantInputSchema = z
  .object({
    id: z
      .string()
      .min(1)
      .max(40)
      .regex(/^[A-Za-z0-9_-]+$/, 'variant ids use letters, digits, _ and -')
      .optional(),
    subject: z.string().max(STEP_SUBJECT_MAX).nullish(),
    body: z.string().max(STEP_BODY_MAX),
    weight: z.number().positive().max(1000).optional(),
    active: z.boolean().optional(),
  })
  .strict();
export type VariantInput = z.infer<typeof variantInputSchema>;

export const variantSchema = z.object({
  id: z.string(),
  subject: z.string().nullable(),
  body: z.string(),
  weight: z.number(),
  active: z.boolean(),
});
export type Variant = z.infer<typeof variantSchema>;

/** A year of waiting is the longest any step may ask for. */
const MAX_WAIT_MINUTES = 366 * 24 * 60;

export const stepInputSchema = z
  .object({
    type: stepTypeSchema,
    waitMinutes: z.number().int().min(0).max(MAX_WAIT_MINUTES),
    subject: z.string().max(STEP_SUBJECT_MAX).nullish(),
    body: z.string().max(STEP_BODY_MAX).nullish(),
    threadMode: threadModeSchema.optional(),
    active: z.boolean().optional(),
    /** Rewrite the HTML part's links through the click tracker (default true for new steps). */
    trackClicks: z.boolean().optional(),
    /** Add an open pixel (default false): machine opens make opens a weak signal. */
    trackOpens: z.boolean().optional(),
    /** A/B versions of an email step; empty or absent means the step's own subject and body. */
    variants: z.array(variantInputSchema).max(MAX_VARIANTS).optional(),
  })
  .strict();
export const patchStepSchema = stepInputSchema.partial().strict();

export const stepSchema = z.object({
  id: z.string(),
  position: z.number(),
  type: stepTypeSchema,
  waitMinutes: z.number(),
  subject: z.string().nullable(),
  body: z.string().nullable(),
  threadMode: threadModeSchema,
  active: z.boolean(),
  trackClicks: z.boolean(),
  trackOpens: z.boolean(),
  /** Always sent by this server; optional so older caches and clients still read a step. */
  variants: z.array(variantSchema).optional(),
});
export type Step = z.infer<typeof stepSchema>;

export const createSequenceSchema = z
  .object({
    name: z.string().trim().min(1).max(200),
    active: z.boolean().optional(),
    schedule: scheduleSchema.optional(),
    ruleset: rulesetSchema.strict().optional(),
    steps: z.array(stepInputSchema).max(50),
  })
  .strict();
export const patchSequenceSchema = z
  .object({
    name: z.string().trim().min(1).max(200).optional(),
    active: z.boolean().optional(),
    /** true archives (and switches off) the sequence; false restores it, still switched off. */
    archived: z.boolean().optional(),
    schedule: scheduleSchema.optional(),
    ruleset: rulesetSchema.strict().optional(),
    /** Replaces the step list; steps keep their id when given one. */
    steps: z
      .array(stepInputSchema.extend({ id: idSchema.optional() }))
      .max(50)
      .optional(),
  })
  .strict();

export const sequenceSchema = z.object({
  id: z.string(),
  name: z.string(),
  ownerId: z.string(),
  active: z.boolean(),
  /** When it was archived; absent for a sequence in use. */
  archivedAt: isoOutSchema.optional(),
  schedule: scheduleSchema,
  ruleset: rulesetSchema,
  steps: z.array(stepSchema),
  /** What the caller may do: owner and admins edit; shares give view or edit. */
  access: z.enum(['owner', 'edit', 'view']),
  createdAt: isoOutSchema,
  updatedAt: isoOutSchema,
});
export type Sequence = z.infer<typeof sequenceSchema>;

export const shareSequenceSchema = z.object({ userId: idSchema, access: z.enum(['view', 'edit']) }).strict();

export const snippetInputSchema = z
  .object({
    name: z
      .string()
      .min(1)
      .max(100)
      .regex(/^[A-Za-z0-9_-]+$/, 'snippet names use letters, digits, _ and -'),
    body: z.string().max(50_000),
  })
  .strict();
export const snippetSchema = z.object({ id: z.string(), name: z.string(), body: z.string() });

/** Enrollments of a sequence by status, as the list and the console show them. */
export const sequenceCountsSchema = z.object({
  active: z.number(),
  scheduled: z.number(),
  paused: z.number(),
  finished: z.number(),
  bounced: z.number(),
  not_sent: z.number(),
  removed: z.number(),
});
export type SequenceCounts = z.infer<typeof sequenceCountsSchema>;
export const sequenceViewSchema = sequenceSchema.extend({ counts: sequenceCountsSchema });
export type SequenceView = z.infer<typeof sequenceViewSchema>;

export const sequenceSharesSchema = z.object({
  shares: z.array(
    z.object({ userId: z.string(), name: z.string(), email: z.string(), access: z.enum(['view', 'edit']) }),
  ),
});

export const schedulePreviewResultSchema = z.object({
  at: z.string(),
  /** Holidays and blackout dates the search passed over (local dates), so a preview can mark them. */
  skipped: z
    .array(z.object({ date: z.string(), reason: z.enum(['holiday', 'blackout_date']), name: z.string() }))
    .optional(),
});
export type SchedulePreviewResult = z.infer<typeof schedulePreviewResultSchema>;
