import { z } from 'zod';
import { idSchema, isoOutSchema } from './common';

export const roleSchema = z.enum(['admin', 'rep']);
export type Role = z.infer<typeof roleSchema>;

export const userSchema = z.object({
  id: z.string(),
  email: z.string(),
  name: z.string(),
  role: roleSchema,
});
export type User = z.infer<typeof userSchema>;

const email = z.email().max(320);

export const loginBodySchema = z.object({
  email,
  password: z.string().min(1).max(1024),
});

export const loginResponseSchema = z.object({ token: z.string(), user: userSchema });

export const createUserBodySchema = z.object({
  email,
  name: z.string().trim().min(1).max(200),
  password: z.string().min(10, 'use at least 10 characters').max(1024),
  role: roleSchema,
});

/** A user as an admin sees them on the Team screen: whether they may sign in, and since when not. */
export const teamUserSchema = userSchema.extend({
  active: z.boolean(),
  deactivatedAt: isoOutSchema.optional(),
});
export type TeamUser = z.infer<typeof teamUserSchema>;

/** PATCH /api/users/:id (admin). `active: false` deactivates: tokens revoked, sign-in refused. */
export const updateUserBodySchema = z
  .object({
    name: z.string().trim().min(1).max(200).optional(),
    role: roleSchema.optional(),
    active: z.boolean().optional(),
  })
  .strict();

/** POST /api/me/password: the current password proves it is the user, not just their token. */
export const changePasswordBodySchema = z
  .object({
    currentPassword: z.string().min(1).max(1024),
    newPassword: z.string().min(10, 'use at least 10 characters').max(1024),
  })
  .strict();
export const changePasswordResultSchema = z.object({
  /** How many other sign-ins (tokens) were revoked; the one used for this request stays valid. */
  revokedTokens: z.number().int().nonnegative(),
});

export const logoutResultSchema = z.object({ revoked: z.boolean() });

/** POST /api/users/:id/transfer (admin). */
export const transferBodySchema = z.object({ toUserId: idSchema }).strict();
export const transferResultSchema = z.object({
  fromUserId: z.string(),
  toUserId: z.string(),
  moved: z.object({
    contacts: z.number().int(),
    accounts: z.number().int(),
    sequences: z.number().int(),
    mailboxes: z.number().int(),
    lists: z.number().int(),
    snippets: z.number().int(),
    tasks: z.number().int(),
    enrollments: z.number().int(),
    /** Emails that waited for an active owner (`owner_inactive`) and may now go out. */
    resumedEmails: z.number().int(),
  }),
});
export type TransferResult = z.infer<typeof transferResultSchema>;
