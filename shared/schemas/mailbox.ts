import { z } from 'zod';
import { isoOutSchema } from './common';

export const providerSchema = z.enum(['sandbox', 'smtp', 'gmail', 'outlook', 'sendgrid', 'mailgun']);
export type ProviderName = z.infer<typeof providerSchema>;

export const createMailboxSchema = z
  .object({
    provider: providerSchema,
    address: z.email().max(320),
    name: z.string().trim().max(200).optional(),
    dailyLimit: z.number().int().min(1).max(10_000).optional(),
    hourlyLimit: z.number().int().min(1).max(1_000).optional(),
    signature: z.string().max(20_000).optional(),
    settings: z.record(z.string(), z.unknown()).optional(),
  })
  .strict();
export const patchMailboxSchema = createMailboxSchema
  .omit({ provider: true, address: true })
  .partial()
  .strict();

export const mailboxSchema = z.object({
  id: z.string(),
  provider: providerSchema,
  address: z.string(),
  name: z.string().nullable(),
  userId: z.string(),
  dailyLimit: z.number(),
  hourlyLimit: z.number(),
  signature: z.string().nullable(),
  status: z.enum(['active', 'inactive']),
  inactiveReason: z.string().optional(),
  createdAt: isoOutSchema,
});
export type Mailbox = z.infer<typeof mailboxSchema>;
