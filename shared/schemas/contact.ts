import { z } from 'zod';
import { normalizeLinkedinUrl } from '../contacts/linkedin-url';
import { contactEmailStatuses, enrollmentStatuses } from '../enums';
import { countryCodeSchema, customFieldsSchema, emailAddressSchema, idSchema, isoOutSchema } from './common';
import { ianaTimeZoneSchema } from './time-zone';

const name = z.string().trim().max(200);
export const emailStatusSchema = z.enum(contactEmailStatuses);
export type EmailStatus = z.infer<typeof emailStatusSchema>;
export const stageSchema = z.string().trim().min(1).max(100);
/** Any text: the server stores E.164 when it can read the number and flags it when it cannot. */
export const phoneInputSchema = z.string().trim().min(1).max(50);
export const linkedinUrlSchema = z
  .string()
  .max(500)
  .transform((raw, ctx) => {
    const url = normalizeLinkedinUrl(raw);
    if (url === null) {
      ctx.issues.push({
        code: 'custom',
        input: raw,
        message: 'use a LinkedIn profile URL such as https://www.linkedin.com/in/name',
      });
      return z.NEVER;
    }
    return url;
  });

export const contactInputSchema = z.object({
  email: emailAddressSchema.nullish(),
  firstName: name.nullish(),
  lastName: name.nullish(),
  title: name.nullish(),
  company: name.nullish(),
  accountId: idSchema.nullish(),
  ownerId: idSchema.nullish(),
  stage: stageSchema.nullish(),
  timezone: ianaTimeZoneSchema.nullish(),
  country: countryCodeSchema.nullish(),
  emailStatus: emailStatusSchema.optional(),
  personalizedOpener: z.string().max(5000).nullish(),
  phone: phoneInputSchema.nullish(),
  linkedinUrl: linkedinUrlSchema.nullish(),
  fields: customFieldsSchema.optional(),
  prospectScore: z.number().int().min(0).max(1000).optional(),
});
export const createContactSchema = contactInputSchema.strict();
export const patchContactSchema = contactInputSchema
  .extend({ jobChangeDetected: z.boolean().optional() })
  .strict();

export const contactSchema = z.object({
  id: z.string(),
  email: z.string().nullable(),
  firstName: z.string().nullable(),
  lastName: z.string().nullable(),
  title: z.string().nullable(),
  company: z.string().nullable(),
  accountId: z.string().nullable(),
  ownerId: z.string().nullable(),
  stage: z.string().nullable(),
  timezone: z.string().nullable(),
  country: z.string().nullable(),
  emailStatus: emailStatusSchema,
  personalizedOpener: z.string().nullable(),
  /** E.164 when `phoneValid`; otherwise the number as it was written (not dialable as is). */
  phone: z.string().nullable(),
  phoneValid: z.boolean().nullable(),
  linkedinUrl: z.string().nullable(),
  fields: z.record(z.string(), z.string()),
  jobChangeDetected: z.boolean(),
  prospectScore: z.number(),
  unsubscribed: z.boolean(),
  bounced: z.boolean(),
  createdAt: isoOutSchema,
  updatedAt: isoOutSchema,
  /**
   * The contact's latest click that looked human (bot clicks never count), when it is asked for: set
   * on `GET /api/contacts?email=…` (the side panel's lookup), absent elsewhere.
   */
  lastHumanClick: z.object({ at: isoOutSchema, url: z.string() }).nullable().optional(),
});
export type Contact = z.infer<typeof contactSchema>;

/** The contacts list's status filter: an enrollment status (in any sequence), or never enrolled. */
export const contactStatusFilterSchema = z.enum([...enrollmentStatuses, 'not_enrolled']);
export type ContactStatusFilter = z.infer<typeof contactStatusFilterSchema>;

export const importResultSchema = z.object({
  created: z.number(),
  updated: z.number(),
  /** Rows that imported nothing: no usable email and no other identity, or refused as a whole. */
  failed: z.array(z.object({ row: z.number(), error: z.string() })),
  /** Where each column went: a contact field, `fields.KEY` for a custom field, or null (skipped). */
  columns: z.array(z.object({ header: z.string(), field: z.string().nullable() })),
  /** Cells that could not be read; their row imported without that value (a phone is kept as written). */
  cellErrors: z.array(
    z.object({ row: z.number(), column: z.string(), value: z.string(), error: z.string() }),
  ),
  /** Contacts the file marked opted out or bounced: unsubscribed, or on the team's bounce list. */
  unsubscribed: z.number(),
  bounced: z.number(),
  /** Accounts and lists the import created by name or domain. */
  accountsCreated: z.number(),
  listsCreated: z.number(),
});
export type ImportResult = z.infer<typeof importResultSchema>;

export const accountInputSchema = z.object({
  name: z.string().trim().min(1).max(200),
  domain: z
    .string()
    .trim()
    .toLowerCase()
    .regex(/^(?=.{1,253}$)([a-z0-9-]{1,63}\.)+[a-z]{2,63}$/, 'use a domain such as "acme.com"')
    .nullish(),
  stage: stageSchema.nullish(),
  ownerId: idSchema.nullish(),
});
export const createAccountSchema = accountInputSchema.strict();
export const patchAccountSchema = accountInputSchema.partial().strict();
export type CreateAccount = z.infer<typeof createAccountSchema>;
export type PatchAccount = z.infer<typeof patchAccountSchema>;
export const accountSchema = z.object({
  id: z.string(),
  name: z.string(),
  domain: z.string().nullable(),
  stage: z.string().nullable(),
  ownerId: z.string().nullable(),
  createdAt: isoOutSchema,
  updatedAt: isoOutSchema,
});
export type Account = z.infer<typeof accountSchema>;

export const blocklistInputSchema = z.discriminatedUnion('kind', [
  z
    .object({ kind: z.literal('email'), value: emailAddressSchema.transform((s) => s.toLowerCase()) })
    .strict(),
  z
    .object({
      kind: z.literal('domain'),
      value: z
        .string()
        .trim()
        .toLowerCase()
        .regex(/^(?=.{1,253}$)([a-z0-9-]{1,63}\.)+[a-z]{2,63}$/, 'use a domain such as "acme.com"'),
    })
    .strict(),
]);
export const blocklistEntrySchema = z.object({
  id: z.string(),
  kind: z.enum(['email', 'domain']),
  value: z.string(),
  createdAt: isoOutSchema,
});
